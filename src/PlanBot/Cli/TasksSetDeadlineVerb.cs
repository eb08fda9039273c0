using System.Globalization;
using PlanBot.Clock;
using PlanBot.Import;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class TasksSetDeadlineVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks set-deadline",
        ["CODE", "YYYY-MM-DD"],
        [CliLookup.YearOption],
        "<CODE> <YYYY-MM-DD>",
        "move a task's deadline (the first deadline is kept as the original)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var dateText = input.Positional(1);
        if (!ImportValues.TryParseDate(dateText, out var deadline))
        {
            throw new CliInputException($"tasks set-deadline: {ImportValues.NotADate(dateText)}");
        }

        var task = await CliLookup.TaskAsync(db, input, input.Positional(0), ct);
        if (deadline < task.StartDate)
        {
            throw new CliInputException($"tasks set-deadline: {Iso(deadline)} is before the task starts ({Iso(task.StartDate)})");
        }

        var previous = task.Deadline;
        if (task.MoveDeadline(deadline, memberId: null, UpdateChannel.Cli, clock.UtcNow) is null)
        {
            input.Out.WriteLine($"{task.Code}: unchanged (deadline {Iso(deadline)})");
            return CliApp.Success;
        }

        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: deadline {Iso(previous)} → {Iso(deadline)} (original {Iso(task.OriginalDeadline ?? previous)})");
        foreach (var late in task.Milestones.Where(m => m.Date > deadline).OrderBy(m => m.Date))
        {
            input.Error.WriteLine($"note: milestone {Iso(late.Date)} {late.Title} now falls after the deadline");
        }

        return CliApp.Success;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
