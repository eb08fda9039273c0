using PlanBot.Chat.Progress;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>tasks return CODE --reason TEXT: 退回 from the command line; the task is open again and the owner is told why.</summary>
public sealed class TasksReturnVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks return",
        ["CODE"],
        [new CliOption("reason", "TEXT", Required: true), CliLookup.YearOption],
        "<CODE> --reason TEXT [--year YYYY]",
        "send a task's request to close back (退回) with a reason; it is open again at its earlier progress");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var reason = PlainText.Clean(input.Option("reason")!).Trim();
        if (reason.Length == 0)
        {
            throw new CliInputException($"{Spec.Name}: --reason is empty; say why the task is not finished, the owner is told");
        }

        if (reason.Length > ProgressText.NoteLimit)
        {
            throw new CliInputException($"{Spec.Name}: --reason has {reason.Length} characters; at most {ProgressText.NoteLimit}");
        }

        var task = await TasksCloseOut.AwaitingAsync(db, input, Spec.Name, clock, ct);
        var request = task.PendingCloseOut()!;
        var now = clock.UtcNow;
        task.ReturnCloseOut(reason, memberId: null, UpdateChannel.Cli, now);
        var told = await CloseOutDecisions.ToOwnersAsync(db, task, request, null,
            t => t.Format("closeOut.ownerReturned", task.Code, task.Title, t["closeOut.byAdmin"], reason, task.ProgressPercent), ct);
        db.Enqueue(now, told);
        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: sent back (退回): {reason}; open again at {task.ProgressPercent}%");
        TasksCloseOut.WriteTold(input, told);
        return CliApp.Success;
    }
}
