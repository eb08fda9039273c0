using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>Finds what verbs name: a member by name or id, the plan, a task by code.</summary>
public static class CliLookup
{
    public static CliOption YearOption { get; } = new("year", "YYYY");

    /// <exception cref="CliInputException">No member has that name or id.</exception>
    public static async Task<Member> MemberAsync(PlanBotDbContext db, string nameOrId, CancellationToken ct)
    {
        var text = nameOrId.Trim();
        var member = await db.Members.FirstOrDefaultAsync(m => m.Name == text, ct);
        if (member is null && int.TryParse(text, out var id))
        {
            member = await db.Members.FindAsync([id], ct);
        }

        if (member is null)
        {
            throw new CliInputException($"no member named '{text}' or with id {text} (see: members list)");
        }

        // Whether and where the member is linked is part of what a verb reports (members invite, members link).
        await db.Entry(member).Collection(m => m.Contacts).LoadAsync(ct);
        return member;
    }

    /// <summary>The plan of --year when given, else the most recent plan.</summary>
    /// <exception cref="CliInputException">There is no such plan.</exception>
    public static async Task<Plan> PlanAsync(PlanBotDbContext db, CliInvocation input, CancellationToken ct)
    {
        var year = input.Option(YearOption.Name) is { } text ? ParseYear(text) : (int?)null;
        var plan = await db.Plans
            .Where(p => year == null || p.Year == year)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.ImportedAtUtc)
            .FirstOrDefaultAsync(ct);
        return plan ?? throw new CliInputException(year is null ? "no plan yet: import one (import plan FILE)" : $"no plan for {year}");
    }

    /// <summary>The task with this code (k1, K01 and K-01 all work) in the plan, with owners and milestones.</summary>
    /// <exception cref="CliInputException">No task has this code.</exception>
    public static async Task<PlanTask> TaskAsync(PlanBotDbContext db, CliInvocation input, string code, CancellationToken ct)
    {
        var plan = await PlanAsync(db, input, ct);
        var normalised = PlanTask.NormaliseCode(code);
        return await db.Tasks
                   .Include(t => t.Owner)
                   .Include(t => t.CoOwners).ThenInclude(c => c.Member)
                   .Include(t => t.Milestones)
                   .AsSplitQuery()
                   .FirstOrDefaultAsync(t => t.PlanId == plan.Id && t.Code == normalised, ct)
               ?? throw new CliInputException($"no task {normalised} in the {plan.Year} plan (see: tasks list)");
    }

    /// <exception cref="CliInputException">Not key, highlight or difficulty (or 重点/亮点/难点).</exception>
    public static WorkList List(string text) =>
        WorkLists.TryParse(text, out var list)
            ? list
            : throw new CliInputException($"'{text}' is not a list (key, highlight or difficulty; also 重点, 亮点 or 难点)");

    private static int ParseYear(string text) =>
        int.TryParse(text, out var year) && year is >= 2000 and <= 2100
            ? year
            : throw new CliInputException($"'{text}' is not a year");
}
