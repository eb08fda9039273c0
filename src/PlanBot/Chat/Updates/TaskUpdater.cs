using PlanBot.Common;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat.Updates;

/// <summary>
/// The one place that changes a task's progress: every change adds an append-only history row and updates the
/// task's current fields in the same unit of work. Never saves; the caller's transaction does.
/// </summary>
public sealed class TaskUpdater(PlanClock clock)
{
    public ProgressUpdate Apply(PlanBotDbContext db, PlanTask task, Member by, ProgressInput input, UpdateChannel channel)
    {
        var now = clock.UtcNow;
        var update = new ProgressUpdate { TaskId = task.Id, MemberId = by.Id, AtUtc = now, Channel = channel, Note = input.Note };
        switch (input.Kind)
        {
            case ProgressKind.Done:
                task.Status = PlanTaskStatus.Done;
                task.ProgressPercent = 100;
                task.BlockedReason = null;
                task.DoneAtUtc = now;
                update.Kind = UpdateKind.Done;
                update.Percent = 100;
                break;
            case ProgressKind.Percent or ProgressKind.Value:
                // Progress means work goes on: a blocker is over, and a task marked done by mistake is open again.
                task.Status = PlanTaskStatus.Open;
                task.BlockedReason = null;
                task.DoneAtUtc = null;
                task.ProgressPercent = input.Percent;
                if (input.Kind == ProgressKind.Value)
                {
                    task.CurrentValue = input.Value;
                    update.Value = input.Value;
                }

                update.Kind = UpdateKind.Progress;
                update.Percent = input.Percent;
                break;
            default:
                update.Kind = UpdateKind.Note;
                break;
        }

        task.LastUpdateAtUtc = now;
        db.ProgressUpdates.Add(update);
        return update;
    }

    public ProgressUpdate Block(PlanBotDbContext db, PlanTask task, Member by, string reason, UpdateChannel channel)
    {
        var now = clock.UtcNow;
        task.Status = PlanTaskStatus.Blocked;
        task.BlockedReason = reason;
        task.DoneAtUtc = null;
        task.LastUpdateAtUtc = now;
        var update = new ProgressUpdate
        {
            TaskId = task.Id, MemberId = by.Id, AtUtc = now, Kind = UpdateKind.Blocked, Note = reason, Channel = channel,
        };
        db.ProgressUpdates.Add(update);
        return update;
    }

    public ExtensionRequest RequestExtension(PlanBotDbContext db, PlanTask task, Member by, DateOnly deadline, string reason, UpdateChannel channel)
    {
        var now = clock.UtcNow;
        var request = new ExtensionRequest
        {
            TaskId = task.Id, RequestedById = by.Id, RequestedDeadline = deadline, Reason = reason,
            Status = ExtensionStatus.Pending, CreatedAtUtc = now,
        };
        db.ExtensionRequests.Add(request);
        task.LastUpdateAtUtc = now;
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = task.Id, MemberId = by.Id, AtUtc = now, Kind = UpdateKind.ExtensionRequested,
            Deadline = deadline, Note = reason, Channel = channel,
        });
        return request;
    }

    /// <summary>Approving moves the deadline and keeps the first one in <see cref="PlanTask.OriginalDeadline"/>.</summary>
    public void Decide(PlanBotDbContext db, ExtensionRequest request, PlanTask task, Member by, bool approve)
    {
        var now = clock.UtcNow;
        request.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
        request.DecidedById = by.Id;
        request.DecidedAtUtc = now;
        if (approve)
        {
            task.OriginalDeadline ??= task.Deadline;
            task.Deadline = request.RequestedDeadline;
        }

        db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = task.Id, MemberId = by.Id, AtUtc = now,
            Kind = approve ? UpdateKind.ExtensionApproved : UpdateKind.ExtensionRefused,
            Deadline = request.RequestedDeadline, Channel = UpdateChannel.Button,
        });
    }
}
