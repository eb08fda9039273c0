using PlanBot.Common;
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

        var replaceCoOwners = input.Options("co-owner").Count > 0;
        var removed = replaceCoOwners ? task.CoOwners.Where(c => !coOwners.Contains(c.Member!)).ToList() : [];
        var added = replaceCoOwners ? coOwners.Where(m => task.CoOwners.All(c => c.MemberId != m.Id)).ToList() : [];
        if (task.OwnerId == owner.Id && removed.Count == 0 && added.Count == 0)
        {
            input.Out.WriteLine($"{task.Code}: unchanged (owner {owner.Name})");
            return CliApp.Success;
        }

        var note = $"责任人 owner: {task.Owner?.Name ?? "—"} → {owner.Name}";
        if (removed.Count + added.Count > 0)
        {
            note += "; 协办 co-owners: " + string.Join(", ", added.Select(m => "+" + m.Name).Concat(removed.Select(c => "−" + c.Member!.Name)));
        }

        db.TaskCoOwners.RemoveRange(removed);
        task.CoOwners.AddRange(added.Select(m => new TaskCoOwner { TaskId = task.Id, MemberId = m.Id }));
        task.Owner = owner;
        task.IsDefaultSchedule = false;
        task.History.Add(new ProgressUpdate { AtUtc = clock.UtcNow, Kind = UpdateKind.Assigned, Note = note, Channel = UpdateChannel.Cli });
        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{task.Code}: {note}");
        return CliApp.Success;
    }
}
