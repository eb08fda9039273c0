using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Reports;

/// <summary>One task that was red when the month ended: overdue (逾期), behind a milestone (节点滞后) or far behind (严重滞后).</summary>
/// <param name="DeadlineAtMonthEnd">The deadline in force when the month ended (later extensions do not excuse it).</param>
/// <param name="Light">
/// Its light on <see cref="OverdueReport.EvaluatedOn"/>, from the one light rule: why it is red, the date it is late for and
/// the working days late.
/// </param>
/// <param name="ProgressPercent">Progress when the month ended.</param>
public sealed record LateTask(
    string Code,
    WorkList List,
    string Title,
    string LeadUnit,
    string Owners,
    DateOnly OriginalDeadline,
    DateOnly DeadlineAtMonthEnd,
    DateOnly CurrentDeadline,
    LightResult Light,
    int ProgressPercent,
    DateTime? LastUpdateAtUtc,
    string? LastUpdateBy,
    string? LastUpdateNote)
{
    public int WorkingDaysLate => Light.WorkingDaysLate;
}

/// <summary>A task as it stood at the month's end, late or not.</summary>
/// <param name="ProgressPercent">Progress when the month ended (100 when done by then).</param>
/// <param name="ScheduledPercent">Its 序时进度 by the month's last day (<see cref="ScheduledProgress"/>).</param>
/// <param name="LastNote">The note of its last update by a member before the month ended.</param>
/// <param name="StartDate">When its window opens (a task may start after the month).</param>
/// <param name="Status">Open, blocked or done when the month ended.</param>
/// <param name="DeadlineAtMonthEnd">The deadline in force when the month ended.</param>
/// <param name="DoneOn">The day (in the plan's zone) it was marked done, when it was done by the month's end.</param>
/// <param name="ValueAtMonthEnd">
/// Its value toward a numeric target then: the value of its last reported progress, or the imported value when no progress
/// was ever reported; null without a target or once done.
/// </param>
public sealed record TaskAtMonthEnd(
    int TaskId,
    string Code,
    WorkList List,
    string Title,
    string LeadUnit,
    LightResult Light,
    int ProgressPercent,
    int ScheduledPercent,
    string? LastNote,
    DateOnly StartDate,
    PlanTaskStatus Status,
    DateOnly DeadlineAtMonthEnd,
    DateOnly? DoneOn,
    decimal? ValueAtMonthEnd)
{
    public Pace Pace => ScheduledProgress.PaceOf(Light.Light == Plans.Light.Done, ProgressPercent, ScheduledPercent);

    /// <summary>Done by the month's end, on or before the deadline in force then.</summary>
    public bool FinishedOnTime => DoneOn is { } done && done <= DeadlineAtMonthEnd;
}

/// <summary>The late tasks of one lead unit, longest late first.</summary>
public sealed record LateUnit(string LeadUnit, IReadOnlyList<LateTask> Tasks);

/// <summary>The tasks of one kind of lateness, by lead unit (most tasks first).</summary>
public sealed record LateSection(LightReason Reason, IReadOnlyList<LateUnit> Units)
{
    public int Count => Units.Sum(u => u.Tasks.Count);

    public IEnumerable<LateTask> Tasks => Units.SelectMany(u => u.Tasks);
}

/// <summary>
/// The monthly report, free of language and format: the red tasks at the month's end in three sections, overdue (逾期),
/// behind a milestone (节点滞后) and far behind the 序时进度 (严重滞后), and the lights per list.
/// </summary>
/// <param name="EvaluatedOn">The first day of the next month: the morning the month's result is read.</param>
/// <param name="AllTasks">Every task as it stood at the month's end, in code order (the circular and its appendix).</param>
public sealed record OverdueReport(
    YearMonth Month,
    DateOnly EvaluatedOn,
    int TaskCount,
    LateSection Overdue,
    LateSection BehindMilestone,
    LateSection FarBehind,
    IReadOnlyList<ListLightCounts> Lights,
    IReadOnlyList<TaskAtMonthEnd> AllTasks)
{
    public int RedCount => Overdue.Count + BehindMilestone.Count + FarBehind.Count;

    public IEnumerable<LateSection> Sections => [Overdue, BehindMilestone, FarBehind];
}

/// <summary>
/// Works out which tasks were red at a month's end from the history, so the report for a past month says what was
/// true then: a task finished later still counts, one finished by then does not, a later extension does not erase it.
/// Each task's light is the one light rule (<see cref="TaskLights"/>) applied to its state at the month's end, or, once
/// the month's lights were kept (<see cref="LightSnapshot"/>), the kept light.
/// </summary>
public sealed class OverdueReportBuilder(PlanClock clock, TaskLights lights)
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
        var monthKey = month.ToString();
        var snapshots = await db.LightSnapshots.AsNoTracking().Where(s => s.Month == monthKey).ToDictionaryAsync(s => s.TaskId, ct);
        foreach (var task in tasks)
        {
            task.History.AddRange(relevant[task.Id]);
        }

        var late = new List<LateTask>();
        var atMonthEnd = new List<TaskAtMonthEnd>();
        var listLights = new List<(WorkList, Light)>();
        foreach (var task in tasks)
        {
            var history = task.History.Where(h => h.AtUtc < cutoffUtc).OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToList();
            var state = StateAtCutoff(task, history, cutoffUtc);
            var input = new LightInput(
                state.Status,
                task.StartDate,
                state.Deadline,
                state.Percent,
                state.LastUpdateAtUtc is { } u ? clock.ToLocalDate(u) : null,
                task.Milestones.Select(m => new MilestoneInput(m.Date, m.ExpectedPercent, m.Title)).ToList(),
                // Ouhai's rule needs the red recorded then: known when the red that still stands began by the month's
                // end; a month already over has its snapshot instead.
                task.RedUntilMadeUpSince <= month.LastDay);
            var (light, percent, scheduled) = snapshots.TryGetValue(task.Id, out var kept)
                ? (kept.ToLightResult(task), kept.ProgressPercent, kept.ScheduledPercent)
                : (lights.Of(input, evaluatedOn), state.Percent, ScheduledProgress.ExpectedPercent(input, month.LastDay));
            listLights.Add((task.List, light.Light));
            atMonthEnd.Add(new TaskAtMonthEnd(
                task.Id,
                task.Code,
                task.List,
                task.Title,
                string.IsNullOrWhiteSpace(task.LeadUnit) ? "—" : task.LeadUnit,
                light,
                percent,
                scheduled,
                state.LastUpdate?.Note,
                task.StartDate,
                state.Status,
                state.Deadline,
                state.DoneAtUtc is { } doneAt ? clock.ToLocalDate(doneAt) : null,
                state.Value));
            if (light.Light != Light.Red)
            {
                continue;
            }

            late.Add(new LateTask(
                task.Code,
                task.List,
                task.Title,
                string.IsNullOrWhiteSpace(task.LeadUnit) ? "—" : task.LeadUnit,
                string.Join("、", new[] { task.Owner?.Name }.Concat(task.CoOwners.Select(c => c.Member?.Name)).OfType<string>().Distinct()),
                task.OriginalDeadline ?? task.Deadline,
                state.Deadline,
                task.Deadline,
                light,
                percent,
                state.LastUpdateAtUtc,
                state.LastUpdate?.Member?.Name,
                state.LastUpdate?.Note));
        }

        return new OverdueReport(
            month,
            evaluatedOn,
            tasks.Count,
            Section(LightReason.DeadlinePassed, late),
            Section(LightReason.MilestoneMissed, late),
            Section(LightReason.FarBehindSchedule, late),
            ListLightCounts.Count(listLights),
            atMonthEnd);
    }

    private static LateSection Section(LightReason reason, List<LateTask> late) => new(
        reason,
        late.Where(t => t.Light.Reason == reason)
            .GroupBy(t => t.LeadUnit)
            .Select(g => new LateUnit(g.Key, g.OrderByDescending(t => t.WorkingDaysLate).ThenBy(t => t.Code, StringComparer.Ordinal).ToList()))
            .OrderByDescending(u => u.Tasks.Count)
            .ThenBy(u => u.LeadUnit, StringComparer.Ordinal)
            .ToList());

    /// <summary>
    /// The history rows <see cref="StateAtCutoff"/> can depend on, instead of every row (a year of a big plan is a million
    /// rows: loading them all took seconds and gigabytes, docs/benchmarks.md). Every row of the rare kinds (done, blocked,
    /// reopened, close-outs, extensions, deadline changes, assignments), and of the everyday progress and note rows only each task's
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
            // One parameter holding the list (a JSON array SQLite reads with json_each), not one parameter per id: at 10,000
            // tasks EF Core would otherwise write IN (@ids1 … @ids13518), and preparing that took most of the report.
            .Where(h => EF.Parameter(ids).Contains(h.Id))
            .ToListAsync(ct);
        return [.. rare, .. everydayRows];
    }

    private static readonly UpdateKind[] RareKinds =
        Enum.GetValues<UpdateKind>().Where(k => k is not (UpdateKind.Progress or UpdateKind.Note)).ToArray();

    private static (PlanTaskStatus Status, DateOnly Deadline, int Percent, ProgressUpdate? LastUpdate, DateTime? LastUpdateAtUtc, DateTime? DoneAtUtc, decimal? Value) StateAtCutoff(
        PlanTask task, List<ProgressUpdate> history, DateTime cutoffUtc)
    {
        // Done by then: the last entry before the cutoff that finishes or reopens says done (done in one step, or 销号), or,
        // without such history, the task's own done time. A close-out asked for (待销号) is not done: it still waited on a
        // supervisor, unless progress or a blocker after it withdrew it.
        var finishing = history.LastOrDefault(h => h.Kind is UpdateKind.Done or UpdateKind.Reopened
            or UpdateKind.ClosedOut or UpdateKind.CloseOutRequested or UpdateKind.CloseOutReturned);
        var done = finishing is not null
            ? finishing.Kind is UpdateKind.Done or UpdateKind.ClosedOut
            : task.Status == PlanTaskStatus.Done && task.DoneAtUtc < cutoffUtc && !task.History.Any(h => h.Kind is UpdateKind.Done or UpdateKind.ClosedOut);
        var awaitingCloseOut = finishing?.Kind == UpdateKind.CloseOutRequested
            && history.LastOrDefault(h => h.Kind is UpdateKind.CloseOutRequested or UpdateKind.Progress or UpdateKind.Blocked)?.Kind == UpdateKind.CloseOutRequested;

        var blocked = !done && !awaitingCloseOut && history.LastOrDefault(h => h.Kind is UpdateKind.Blocked or UpdateKind.Progress or UpdateKind.Reopened
            or UpdateKind.CloseOutRequested or UpdateKind.CloseOutReturned)?.Kind == UpdateKind.Blocked;

        // The deadline then: the last one set before the cutoff, else the one before any change.
        var deadlineEntries = task.History.Where(h => h.Kind is UpdateKind.ExtensionApproved or UpdateKind.DeadlineChanged && h.Deadline is not null).ToList();
        var deadline = history.LastOrDefault(h => h.Kind is UpdateKind.ExtensionApproved or UpdateKind.DeadlineChanged && h.Deadline is not null)?.Deadline
            ?? (deadlineEntries.Count > 0 ? task.OriginalDeadline ?? task.Deadline : task.Deadline);

        var percentEntries = task.History.Any(h => h.Percent is not null);
        var lastPercent = history.LastOrDefault(h => h.Percent is not null);
        var percent = lastPercent?.Percent ?? (percentEntries ? 0 : task.ProgressPercent);
        // A percent or a value reported on a task with a target records the value with it (PlanTask.RecordProgress).
        var value = lastPercent is not null ? lastPercent.Value : percentEntries ? null : task.CurrentValue;
        DateTime? doneAtUtc = null;
        if (done)
        {
            percent = 100;
            value = null;
            doneAtUtc = finishing?.AtUtc ?? task.DoneAtUtc;
        }

        // A member's last entry; a task imported with a last-update time but no history keeps that time.
        // Issuing and signing for a notice say nothing about the work; a reply to one does.
        var lastUpdate = history.LastOrDefault(h => h.MemberId is not null && h.Kind is not (UpdateKind.NoticeIssued or UpdateKind.NoticeSigned));
        var lastUpdateAt = lastUpdate?.AtUtc ?? (task.LastUpdateAtUtc < cutoffUtc ? task.LastUpdateAtUtc : null);
        var status = done ? PlanTaskStatus.Done
            : awaitingCloseOut ? PlanTaskStatus.CloseRequested
            : blocked ? PlanTaskStatus.Blocked
            : PlanTaskStatus.Open;
        return (status, deadline, percent, lastUpdate, lastUpdateAt, doneAtUtc, value);
    }
}
