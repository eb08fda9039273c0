using PlanBot.Chat.Progress;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>
/// tasks close-out CODE: 销号 from the command line, for an admin when no supervisor decides in chat (or the only one owns
/// the task). The owner is told through the outbox when the bot runs.
/// </summary>
public sealed class TasksCloseOutVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks close-out",
        ["CODE"],
        [CliLookup.YearOption],
        "<CODE> [--year YYYY]",
        "confirm a task its owner asked to close (销号): it is done from now on");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var task = await TasksCloseOut.AwaitingAsync(db, input, Spec.Name, clock, ct);
        var request = task.PendingCloseOut()!;
        var now = clock.UtcNow;
        task.ConfirmCloseOut(memberId: null, UpdateChannel.Cli, now);
        var told = await CloseOutDecisions.ToOwnersAsync(db, task, request, null,
            t => t.Format("closeOut.ownerConfirmed", task.Code, task.Title, t["closeOut.byAdmin"]), ct);
        db.Enqueue(now, told);
        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: closed out (销号), done as of {TasksCloseOut.Local(clock, now)}");
        TasksCloseOut.WriteTold(input, told);
        return CliApp.Success;
    }
}
