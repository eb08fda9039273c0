using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Reports;

/// <summary>One task that was overdue when the month ended.</summary>
/// <param name="DeadlineAtMonthEnd">The deadline in force when the month ended (later extensions do not excuse it).</param>
/// <param name="CalendarDaysOverdue">Days from that deadline to the first day of the next month, as the light counts them.</param>
/// <param name="WorkingDaysOverdue">Working days after that deadline up to and including the first day of the next month.</param>
/// <param name="ProgressPercent">Progress when the month ended.</param>
public sealed record OverdueTask(
    string Code,
    WorkList List,
    string Title,
    string LeadUnit,
    string Owners,
    DateOnly OriginalDeadline,
    DateOnly DeadlineAtMonthEnd,
    DateOnly CurrentDeadline,
    int CalendarDaysOverdue,
    int WorkingDaysOverdue,
    int ProgressPercent,
    DateTime? LastUpdateAtUtc,
    string? LastUpdateBy,
    string? LastUpdateNote);

/// <summary>The overdue tasks of one lead unit.</summary>
public sealed record OverdueUnit(string LeadUnit, IReadOnlyList<OverdueTask> Tasks);

/// <summary>The monthly overdue report, free of language and format.</summary>
/// <param name="EvaluatedOn">The first day of the next month: the morning the month's result is read.</param>
public sealed record OverdueReport(
    YearMonth Month,
    DateOnly EvaluatedOn,
    int TaskCount,
    IReadOnlyList<OverdueUnit> Units,
    IReadOnlyList<ListLightCounts> Lights)
{
    public int OverdueCount => Units.Sum(u => u.Tasks.Count);

    public IEnumerable<OverdueTask> Tasks => Units.SelectMany(u => u.Tasks);
}

/// <summary>
/// Works out which tasks were overdue at a month's end from the history, so the report for a past month says what was
/// true then: a task finished later still counts, one finished by then does not, a later extension does not erase it.
/// </summary>
public sealed class OverdueReportBuilder(PlanClock clock, WorkingDayCalendar calendar, IOptions<LightThresholds> thresholds)
{
    public async Task<OverdueReport> BuildAsync(PlanBotDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var evaluatedOn = month.LastDay.AddDays(1);
        var cutoffUtc = clock.StartOfDayUtc(evaluatedOn);
        var tasks = await db.Tasks.AsNoTracking()
            .Include(t => t.Owner)
            .Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .OrderBy(t => t.Code)
            .ToListAsync(ct);
        var relevant = (await RelevantHistoryAsync(db, cutoffUtc, ct)).ToLookup(h => h.TaskId);
        foreach (var task in tasks)
        {
            task.History.AddRange(relevant[task.Id]);
        }

        var overdue = new List<OverdueTask>();
        var lights = new List<(WorkList, Light)>();
        foreach (var task in tasks)
        {
            var history = task.History.Where(h => h.AtUtc < cutoffUtc).OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToList();
            var state = StateAtCutoff(task, history, cutoffUtc);
            var light = StatusLight.Compute(
                new LightInput(
                    state.Status,
                    task.StartDate,
                    state.Deadline,
                    state.Percent,
                    state.LastUpdateAtUtc is { } u ? clock.ToLocalDate(u) : null,
                    task.Milestones.Select(m => (m.Date, m.ExpectedPercent)).ToList()),
                evaluatedOn,
                thresholds.Value);
            lights.Add((task.List, light.Light));
            if (state.Status == PlanTaskStatus.Done || state.Deadline >= evaluatedOn)
            {
                continue;
            }

            overdue.Add(new OverdueTask(
                task.Code,
                task.List,
                task.Title,
                string.IsNullOrWhiteSpace(task.LeadUnit) ? "—" : task.LeadUnit,
                string.Join("、", new[] { task.Owner?.Name }.Concat(task.CoOwners.Select(c => c.Member?.Name)).OfType<string>().Distinct()),
                task.OriginalDeadline ?? task.Deadline,
                state.Deadline,
                task.Deadline,
                evaluatedOn.DayNumber - state.Deadline.DayNumber,
                calendar.WorkingDaysBetween(state.Deadline, evaluatedOn),
                state.Percent,
                state.LastUpdateAtUtc,
                state.LastUpdate?.Member?.Name,
                state.LastUpdate?.Note));
        }

        var units = overdue
            .GroupBy(t => t.LeadUnit)
            .Select(g => new OverdueUnit(g.Key, g.OrderByDescending(t => t.CalendarDaysOverdue).ThenBy(t => t.Code, StringComparer.Ordinal).ToList()))
            .OrderByDescending(u => u.Tasks.Count)
            .ThenBy(u => u.LeadUnit, StringComparer.Ordinal)
            .ToList();
        return new OverdueReport(month, evaluatedOn, tasks.Count, units, ListLightCounts.Count(lights));
    }

    /// <summary>
    /// The history rows <see cref="StateAtCutoff"/> can depend on, instead of every row (a year of a big plan is a million
    /// rows: loading them all took seconds and gigabytes, docs/benchmarks.md). Every row of the rare kinds (done, blocked,
    /// reopened, extensions, deadline changes, assignments), and of the everyday progress and note rows only each task's
    /// last one before the cutoff with a percent, with a member, and of kind progress, plus its last one with a percent at all
    /// (which tells whether percent entries exist). Each is an index seek on (TaskId, AtUtc).
    /// </summary>
    private static async Task<List<ProgressUpdate>> RelevantHistoryAsync(PlanBotDbContext db, DateTime cutoffUtc, CancellationToken ct)
    {
        var everyday = db.ProgressUpdates.Where(h => h.Kind == UpdateKind.Progress || h.Kind == UpdateKind.Note);
        var latest = await db.Tasks
            .Select(t => new
            {
                Percent = everyday.Where(h => h.TaskId == t.Id && h.AtUtc < cutoffUtc && h.Percent != null)
                    .OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).Select(h => (long?)h.Id).FirstOrDefault(),
                Member = everyday.Where(h => h.TaskId == t.Id && h.AtUtc < cutoffUtc && h.MemberId != null)
                    .OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).Select(h => (long?)h.Id).FirstOrDefault(),
                Progress = everyday.Where(h => h.TaskId == t.Id && h.AtUtc < cutoffUtc && h.Kind == UpdateKind.Progress)
                    .OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).Select(h => (long?)h.Id).FirstOrDefault(),
                AnyPercent = everyday.Where(h => h.TaskId == t.Id && h.Percent != null)
                    .OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).Select(h => (long?)h.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = latest.SelectMany(l => new[] { l.Percent, l.Member, l.Progress, l.AnyPercent }).OfType<long>().Distinct().ToList();
        // Two seeks instead of one OR: "Kind IN (rare kinds)" uses the Kind index, "Id IN (…)" the key; the OR of a
        // negated kind test scanned the whole table.
        var rare = await db.ProgressUpdates.AsNoTracking()
            .Include(h => h.Member)
            .Where(h => RareKinds.Contains(h.Kind))
            .ToListAsync(ct);
        var everydayRows = await db.ProgressUpdates.AsNoTracking()
            .Include(h => h.Member)
            .Where(h => ids.Contains(h.Id))
            .ToListAsync(ct);
        return [.. rare, .. everydayRows];
    }

    private static readonly UpdateKind[] RareKinds =
        Enum.GetValues<UpdateKind>().Where(k => k is not (UpdateKind.Progress or UpdateKind.Note)).ToArray();

    private static (PlanTaskStatus Status, DateOnly Deadline, int Percent, ProgressUpdate? LastUpdate, DateTime? LastUpdateAtUtc) StateAtCutoff(
        PlanTask task, List<ProgressUpdate> history, DateTime cutoffUtc)
    {
        // Done by then: the last done/reopen entry before the cutoff says done (or, without history, the task's own done time).
        var doneOrReopened = history.LastOrDefault(h => h.Kind is UpdateKind.Done or UpdateKind.Reopened);
        var done = doneOrReopened is not null
            ? doneOrReopened.Kind == UpdateKind.Done
            : task.Status == PlanTaskStatus.Done && task.DoneAtUtc < cutoffUtc && !task.History.Any(h => h.Kind == UpdateKind.Done);

        var blocked = !done && history.LastOrDefault(h => h.Kind is UpdateKind.Blocked or UpdateKind.Progress or UpdateKind.Reopened)?.Kind == UpdateKind.Blocked;

        // The deadline then: the last one set before the cutoff, else the one before any change.
        var deadlineEntries = task.History.Where(h => h.Kind is UpdateKind.ExtensionApproved or UpdateKind.DeadlineChanged && h.Deadline is not null).ToList();
        var deadline = history.LastOrDefault(h => h.Kind is UpdateKind.ExtensionApproved or UpdateKind.DeadlineChanged && h.Deadline is not null)?.Deadline
            ?? (deadlineEntries.Count > 0 ? task.OriginalDeadline ?? task.Deadline : task.Deadline);

        var percentEntries = task.History.Any(h => h.Percent is not null);
        var percent = history.LastOrDefault(h => h.Percent is not null)?.Percent ?? (percentEntries ? 0 : task.ProgressPercent);
        if (done)
        {
            percent = 100;
        }

        // A member's last entry; a task imported with a last-update time but no history keeps that time.
        var lastUpdate = history.LastOrDefault(h => h.MemberId is not null);
        var lastUpdateAt = lastUpdate?.AtUtc ?? (task.LastUpdateAtUtc < cutoffUtc ? task.LastUpdateAtUtc : null);
        return (done ? PlanTaskStatus.Done : blocked ? PlanTaskStatus.Blocked : PlanTaskStatus.Open, deadline, percent, lastUpdate, lastUpdateAt);
    }
}
