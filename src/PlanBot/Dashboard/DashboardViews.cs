using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Cards;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Dashboard;

/// <summary>One list's counts by light, as the page shows them.</summary>
public sealed record ListView(string List, string Name, string Prefix, int Red, int AtRisk, int OnTrack, int Done, int Total);

/// <summary>A row of a list's table.</summary>
public sealed record TaskRow(
    string Code, string Title, string List, string LeadUnit, string Owner, DateOnly Deadline, int Progress, int Scheduled,
    string Light, string LightName, string LightText, DateOnly? LastUpdate);

public sealed record OverviewView(string? Month, DateOnly AsOf, IReadOnlyList<ListView> Lists, IReadOnlyList<string> Months);

public sealed record HistoryView(DateTimeOffset At, string Who, string What, string Channel);

public sealed record MilestoneView(DateOnly Date, string Title, int Expected);

public sealed record ExtensionView(DateOnly Requested, string Reason, string Status, DateOnly AskedOn);

public sealed record TaskView(
    TaskRow Row, string Detail, IReadOnlyList<string> CoOwners, DateOnly? OriginalDeadline, IReadOnlyList<MilestoneView> Milestones,
    string? Target, IReadOnlyList<HistoryView> History, IReadOnlyList<ExtensionView> Extensions);

/// <summary>Filters of the task table; null or empty means "any".</summary>
public sealed record TaskFilter(string? List, string? Unit, string? Light, string? Owner);

/// <summary>
/// What the dashboard shows, read from the database with the one light rule (<see cref="TaskLights"/>) and counted as
/// the digest counts (<see cref="ListLightCounts"/>), so the page, /lists and the digest agree. A past month's lights
/// are the kept <see cref="LightSnapshot"/>s, never recomputed. Owners see their own tasks; everyone sees the counts.
/// </summary>
public sealed class DashboardViews(PlanClock clock, TaskLights lights)
{
    public async Task<OverviewView> OverviewAsync(PlanBotDbContext db, YearMonth? month, TextSet t, CancellationToken ct)
    {
        var tasks = await db.CurrentTasksAsync(ct);
        var rows = await LitAsync(db, tasks, month, ct);
        var counts = ListLightCounts.Count(rows.Select(r => (r.Task.List, r.Light.Light)))
            .Select(c => new ListView(c.List.ToString(), t.ListName(c.List), c.List.CodePrefix().ToString(), c.Red, c.AtRisk, c.OnTrack, c.Done, c.Total))
            .ToList();
        var months = await db.LightSnapshots.Select(s => s.Month).Distinct().OrderByDescending(m => m).ToListAsync(ct);
        return new OverviewView(month?.ToString(), clock.Today, counts, months);
    }

    public async Task<IReadOnlyList<TaskRow>> TasksAsync(PlanBotDbContext db, Member viewer, TaskFilter filter, YearMonth? month, TextSet t, CancellationToken ct)
    {
        var tasks = (await db.CurrentTasksAsync(ct)).Where(task => MaySee(viewer, task)).ToList();
        var rows = (await LitAsync(db, tasks, month, ct)).Select(r => Row(r.Task, r.Light, r.Progress, r.Scheduled, t));
        return rows
            .Where(r => string.IsNullOrEmpty(filter.List) || r.List == filter.List)
            .Where(r => string.IsNullOrEmpty(filter.Unit) || r.LeadUnit == filter.Unit)
            .Where(r => string.IsNullOrEmpty(filter.Light) || r.Light == filter.Light)
            .Where(r => string.IsNullOrEmpty(filter.Owner) || r.Owner == filter.Owner)
            .ToList();
    }

    /// <summary>The task page; null when there is no such task or the viewer may not see it (the page cannot tell which).</summary>
    public async Task<TaskView?> TaskAsync(PlanBotDbContext db, Member viewer, string code, TextSet t, CancellationToken ct)
    {
        var task = PlanTask.IsValidCode(PlanTask.NormaliseCode(code)) ? await db.FindByCodeAsync(code, ct) : null;
        if (task is null || !MaySee(viewer, task))
        {
            return null;
        }

        var light = lights.Of(task, clock.Today, clock.Zone);
        var history = await db.ProgressUpdates.AsNoTracking().Include(u => u.Member)
            .Where(u => u.TaskId == task.Id)
            .OrderByDescending(u => u.AtUtc).ThenByDescending(u => u.Id)
            .ToListAsync(ct);
        var extensions = await db.ExtensionRequests.AsNoTracking()
            .Where(e => e.TaskId == task.Id)
            .OrderByDescending(e => e.CreatedAtUtc)
            .ToListAsync(ct);
        return new TaskView(
            Row(task, light, task.ProgressPercent, Scheduled(task), t),
            task.Detail,
            task.CoOwners.Select(c => c.Member?.Name ?? "").ToList(),
            task.OriginalDeadline != task.Deadline ? task.OriginalDeadline : null,
            task.Milestones.OrderBy(m => m.Date).Select(m => new MilestoneView(m.Date, m.Title, m.ExpectedPercent)).ToList(),
            task.HasTarget ? Html.ToPlainText(t.Format("card.target", task.CurrentValue ?? 0m, task.TargetValue, task.TargetUnit, task.TargetLabel)) : null,
            history.Select(u => new HistoryView(
                clock.ToLocal(u.AtUtc), u.Member?.Name ?? t["card.system"], Html.ToPlainText(TaskCards.Describe(u, t)), t.ChannelName(u.Channel))).ToList(),
            extensions.Select(e => new ExtensionView(e.RequestedDeadline, e.Reason, t["dashboard.extension." + e.Status], clock.ToLocalDate(e.CreatedAtUtc))).ToList());
    }

    /// <summary>Supervisors and admins see every task; anyone else the tasks they own or co-own.</summary>
    public static bool MaySeeAll(Member viewer) => viewer.Has(MemberRoles.Supervisor) || viewer.Has(MemberRoles.Admin);

    private static bool MaySee(Member viewer, PlanTask task) => MaySeeAll(viewer) || task.IsOwnedBy(viewer.Id);

    private int Scheduled(PlanTask task) => ScheduledProgress.ExpectedPercent(task.ToLightInput(clock.Zone), clock.Today);

    /// <summary>Each task with its light now, or as kept at <paramref name="month"/>'s end (tasks without a kept light left out).</summary>
    private async Task<List<(PlanTask Task, LightResult Light, int Progress, int Scheduled)>> LitAsync(
        PlanBotDbContext db, List<PlanTask> tasks, YearMonth? month, CancellationToken ct)
    {
        if (month is null)
        {
            return tasks.Select(task => (task, lights.Of(task, clock.Today, clock.Zone), task.ProgressPercent, Scheduled(task))).ToList();
        }

        var key = month.Value.ToString();
        var ids = tasks.Select(task => task.Id).ToList();
        var kept = await db.LightSnapshots.AsNoTracking().Where(s => s.Month == key && ids.Contains(s.TaskId)).ToDictionaryAsync(s => s.TaskId, ct);
        return tasks
            .Where(task => kept.ContainsKey(task.Id))
            .Select(task => (task, kept[task.Id].ToLightResult(task), kept[task.Id].ProgressPercent, kept[task.Id].ScheduledPercent))
            .ToList();
    }

    private TaskRow Row(PlanTask task, LightResult light, int progress, int scheduled, TextSet t) => new(
        task.Code,
        task.Title,
        task.List.ToString(),
        task.LeadUnit,
        task.Owner?.Name ?? "",
        task.Deadline,
        progress,
        scheduled,
        light.Light.ToString(),
        t.LightName(light.Light),
        Html.ToPlainText(t.LightText(light, clock.Today.Year)),
        task.LastUpdateAtUtc is { } at ? clock.ToLocalDate(at) : null);
}
