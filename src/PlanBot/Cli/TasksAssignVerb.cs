using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class TasksAssignVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks assign",
        ["CODE"],
        [new CliOption("owner", "NAME|ID", Required: true), new CliOption("co-owner", "NAME|ID", Repeatable: true), CliLookup.YearOption],
        "<CODE> --owner <name|id> [--co-owner <name|id>]...",
        "set a task's owner; co-owners given replace the current ones");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var task = await CliLookup.TaskAsync(db, input, input.Positional(0), ct);
        var owner = await CliLookup.MemberAsync(db, input.Option("owner")!, ct);
        var coOwners = new List<Member>();
        foreach (var text in input.Options("co-owner"))
        {
            var member = await CliLookup.MemberAsync(db, text, ct);
            if (member.Id == owner.Id)
            {
                throw new CliInputException($"tasks assign: {member.Name} cannot be both owner and co-owner");
            }

            if (!coOwners.Contains(member))
            {
                coOwners.Add(member);
            }
        }

        var replacesCoOwners = input.Options("co-owner").Count > 0;
        if (task.Assign(owner, replacesCoOwners ? coOwners : null, memberId: null, UpdateChannel.Cli, clock.UtcNow) is not { } entry)
        {
            input.Out.WriteLine($"{task.Code}: unchanged (owner {owner.Name})");
            return CliApp.Success;
        }

        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: {entry.Note}");
        return CliApp.Success;
    }
}
