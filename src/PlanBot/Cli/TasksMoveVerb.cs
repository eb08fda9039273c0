using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class TasksMoveVerb(PlanBotDbContext db) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks move",
        ["CODE"],
        [new CliOption("list", "key|highlight|difficulty", Required: true), CliLookup.YearOption],
        "<CODE> --list key|highlight|difficulty",
        "move a task to another list (its code stays)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var list = CliLookup.List(input.Option("list")!);
        var task = await CliLookup.TaskAsync(db, input, input.Positional(0), ct);
        if (task.List == list)
        {
            input.Out.WriteLine($"{task.Code}: unchanged (already on {list.ChineseName()} {list.EnglishName()})");
            return CliApp.Success;
        }

        var from = task.List;
        task.List = list;
        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: moved from {from.ChineseName()} to {list.ChineseName()} ({from.EnglishName()} → {list.EnglishName()}); the code stays {task.Code}");
        return CliApp.Success;
    }
}
