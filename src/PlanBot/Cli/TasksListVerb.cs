using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Cli;

public sealed class TasksListVerb(PlanBotDbContext db, PlanClock clock, TaskLights lights) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "tasks list",
        [],
        [new CliOption("list", "key|highlight|difficulty"), CliOption.Json, CliLookup.YearOption],
        "[--list key|highlight|difficulty] [--json] [--year YYYY]",
        "the tasks with their light, owner, deadline and progress");

    /// <summary>One task in --json output.</summary>
    public sealed record TaskView(
        string Code,
        WorkList List,
        string Light,
        Light LightName,
        LightReason LightReason,
        DateOnly? LateSince,
        int WorkingDaysLate,
        string Title,
        string LeadUnit,
        string? Owner,
        IReadOnlyList<string> CoOwners,
        DateOnly Deadline,
        DateOnly? OriginalDeadline,
        int ProgressPercent,
        decimal? CurrentValue,
        decimal? TargetValue,
        string? TargetUnit,
        PlanTaskStatus Status);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var plan = await CliLookup.PlanAsync(db, input, ct);
        WorkList? list = input.Option("list") is { } text ? CliLookup.List(text) : null;
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.PlanId == plan.Id && (list == null || t.List == list))
            .Include(t => t.Owner)
            .Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .ToListAsync(ct);
        var today = clock.Today;
        var views = tasks
            .OrderBy(t => t.List).ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t =>
            {
                var light = lights.Of(t, today, clock.Zone);
                return new TaskView(t.Code, t.List, light.Emoji, light.Light, light.Reason, light.LateSince, light.WorkingDaysLate, t.Title, t.LeadUnit, t.Owner?.Name,
                    t.CoOwners.Select(c => c.Member!.Name).Order(StringComparer.Ordinal).ToList(), t.Deadline, t.OriginalDeadline,
                    t.ProgressPercent, t.CurrentValue, t.TargetValue, t.TargetUnit, t.Status);
            })
            .ToList();

        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, views);
            return CliApp.Success;
        }

        input.Out.WriteLine($"{plan.Year} {plan.Organisation} · {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        TextTable.Write(input.Out, ["code", "light", "title", "owner", "deadline", "progress"], views.Select(v => (IReadOnlyList<string>)
        [
            v.Code, v.Light, v.Title, v.Owner ?? "—", v.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Progress(v),
        ]));
        return CliApp.Success;
    }

    private static string Progress(TaskView v)
    {
        var progress = v.TargetValue is { } target
            ? string.Create(CultureInfo.InvariantCulture, $"{v.ProgressPercent}% ({v.CurrentValue ?? 0}/{target} {v.TargetUnit})")
            : string.Create(CultureInfo.InvariantCulture, $"{v.ProgressPercent}%");
        // A task at 100 % may still wait for its close-out: say so, it is not done (tasks close-out / tasks return decide).
        return v.Status == PlanTaskStatus.CloseRequested ? progress + " " + TextSet.Chinese.StatusName(v.Status) : progress;
    }
}
