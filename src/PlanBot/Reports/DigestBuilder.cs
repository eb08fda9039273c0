using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat.Cards;

namespace PlanBot.Reports;

/// <summary>A task as the digest shows it on one line.</summary>
/// <param name="Days">Days without update, days left … depending on the section.</param>
/// <param name="Date">The day something happened or is due (finished on, deadline, blocked since, date asked for …).</param>
/// <param name="People">Owner, or who updated it, or who asked.</param>
/// <param name="LightResult">The task's light, for the lateness of a red task.</param>
/// <param name="Deadline">The task's deadline in force.</param>
/// <param name="Note">A blocker's reason, an extension request's reason.</param>
public sealed record DigestTask(
    string Code, string Title, LightResult LightResult, int ProgressPercent, int Days, DateOnly Date, string People, DateOnly Deadline, string Note = "")
{
    public Light Light => LightResult.Light;
}

/// <summary>Everything the supervisors' digest says, for one day, free of language.</summary>
/// <param name="Since">The first day the period covers (the day of the last digest, or seven days back).</param>
public sealed record DigestModel(
    DateOnly AsOf,
    DateOnly Since,
    int DueSoonDays,
    IReadOnlyList<ListLightCounts> Lists,
    IReadOnlyList<DigestTask> NewlyRed,
    IReadOnlyList<DigestTask> Blocked,
    IReadOnlyList<DigestTask> PendingExtensions,
    IReadOnlyList<DigestTask> PendingCloseOuts,
    IReadOnlyList<DigestTask> Finished,
    IReadOnlyList<DigestTask> Updated,
    IReadOnlyList<DigestTask> Stale,
    IReadOnlyList<DigestTask> DueSoon,
    IReadOnlyList<(string Name, DateOnly Until)> Paused)
{
    /// <summary>
    /// False when every section is empty (nothing turned red, was blocked, asked for, awaits close-out, finished, updated,
    /// falls due or went quiet) and every task is green or done. A scheduled digest with nothing to say is not sent.
    /// </summary>
    public bool HasNews =>
        new[] { NewlyRed, Blocked, PendingExtensions, PendingCloseOuts, Finished, Updated, Stale, DueSoon }.Any(s => s.Count > 0)
        || Lists.Any(l => l.Red > 0 || l.AtRisk > 0);
}

/// <summary>Builds the digest from the database: what changed since the last digest (or the last seven days) and what needs attention.</summary>
public sealed class DigestBuilder(PlanClock clock, TaskLights lights, IOptions<DigestOptions> options)
{
    /// <summary>The BotStateEntry holding when the last digest went out (UTC, round-trip format).</summary>
    public const string LastSentSetting = "Digest:LastSentAtUtc";

    /// <summary>
    /// The digest as of the end of <paramref name="asOf"/>. The period starts at the last digest sent before that day
    /// (if within five weeks), else seven days earlier.
    /// </summary>
    public async Task<DigestModel> BuildAsync(PlanBotDbContext db, DateOnly asOf, CancellationToken ct = default)
    {
        var toUtc = clock.StartOfDayUtc(asOf.AddDays(1));
        var fromUtc = clock.StartOfDayUtc(asOf.AddDays(-7));
        if (await db.GetStateAsync(LastSentSetting, ct) is { } text
            && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var last)
            && last < clock.StartOfDayUtc(asOf) && last > clock.StartOfDayUtc(asOf.AddDays(-35)))
        {
            fromUtc = last;
        }

        var since = clock.ToLocalDate(fromUtc);
        // The newest plan's tasks, as /lists and the dashboard count them: last year's plan, kept after the new one was
        // imported, is no longer what the bureau is measured on.
        var planId = await db.CurrentPlanIdAsync(ct);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.PlanId == planId)
            .Include(t => t.Owner)
            .Include(t => t.Milestones)
            .Include(t => t.CoOwners)
            .AsSplitQuery()
            .OrderBy(t => t.Code)
            .ToListAsync(ct);
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var updates = await db.ProgressUpdates.AsNoTracking()
            .Where(u => u.AtUtc >= fromUtc && u.AtUtc < toUtc)
            .OrderBy(u => u.AtUtc)
            .ToListAsync(ct);

        var lit = tasks.Select(t => (Task: t, Light: lights.Of(t, asOf, clock.Zone))).ToList();
        string OwnerName(PlanTask t) => t.Owner?.Name ?? "—";
        string MemberName(int id) => members.TryGetValue(id, out var m) ? m.Name : "?";

        // Red since the period began: the first red day (the day after the date it is late for) is in the period; for
        // a task far behind its 序时进度, the day the light watch first saw it so.
        var newlyRed = lit
            .Select(x => (x.Task, x.Light, RedSince: RedSince(x.Task, x.Light)))
            .Where(x => x.RedSince > since)
            .OrderByDescending(x => x.Light.WorkingDaysLate)
            .ThenByDescending(x => x.Light.BehindPoints)
            .ThenBy(x => x.Task.Code, StringComparer.Ordinal)
            .Select(x => Line(x.Task, x.Light, x.Light.WorkingDaysLate, x.RedSince!.Value, OwnerName(x.Task)))
            .ToList();
        var blockedSince = await BlockedSinceAsync(db, lit.Where(x => x.Task.Status == PlanTaskStatus.Blocked).Select(x => x.Task.Id).ToList(), ct);
        var blocked = lit
            .Where(x => x.Task.Status == PlanTaskStatus.Blocked)
            .Select(x =>
            {
                var at = blockedSince.TryGetValue(x.Task.Id, out var u) ? clock.ToLocalDate(u) : asOf;
                return Line(x.Task, x.Light, asOf.DayNumber - at.DayNumber, at, OwnerName(x.Task), x.Task.BlockedReason ?? "");
            })
            .OrderBy(t => t.Date)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
        var byId = lit.ToDictionary(x => x.Task.Id);
        var pendingExtensions = (await db.ExtensionRequests.AsNoTracking()
                .Where(e => e.Status == ExtensionStatus.Pending)
                .ToListAsync(ct))
            .Where(e => byId.ContainsKey(e.TaskId))
            .OrderBy(e => e.CreatedAtUtc)
            .Select(e => Line(byId[e.TaskId].Task, byId[e.TaskId].Light, 0, e.RequestedDeadline, MemberName(e.RequestedById), e.Reason))
            .ToList();
        // 待销号: asked to close and waiting for a supervisor, oldest request first, with who asked and when.
        var awaiting = lit.Where(x => x.Task.Status == PlanTaskStatus.CloseRequested).Select(x => x.Task.Id).ToList();
        var requests = (await db.ProgressUpdates.AsNoTracking()
                .Where(u => u.Kind == UpdateKind.CloseOutRequested && awaiting.Contains(u.TaskId))
                .ToListAsync(ct))
            .GroupBy(u => u.TaskId)
            .Select(g => g.OrderBy(u => u.AtUtc).ThenBy(u => u.Id).Last())
            .OrderBy(u => u.AtUtc)
            .ToList();
        var pendingCloseOuts = requests
            .Select(u => Line(byId[u.TaskId].Task, byId[u.TaskId].Light, 0, clock.ToLocalDate(u.AtUtc),
                u.MemberId is { } id ? MemberName(id) : "—", u.Note ?? ""))
            .ToList();
        var finished = lit
            .Where(x => x.Task.Status == PlanTaskStatus.Done && x.Task.DoneAtUtc >= fromUtc && x.Task.DoneAtUtc < toUtc)
            .Select(x => Line(x.Task, x.Light, 0, clock.ToLocalDate(x.Task.DoneAtUtc!.Value), OwnerName(x.Task)))
            .ToList();
        var byTask = updates.Where(u => u.MemberId is not null).GroupBy(u => u.TaskId).ToDictionary(g => g.Key, g => g.ToList());
        var updated = lit
            .Where(x => byTask.ContainsKey(x.Task.Id))
            .Select(x =>
            {
                var rows = byTask[x.Task.Id];
                var who = string.Join("、", rows.Select(u => MemberName(u.MemberId!.Value)).Distinct());
                return Line(x.Task, x.Light, rows.Count, clock.ToLocalDate(rows[^1].AtUtc), who);
            })
            .ToList();
        var stale = lit
            .Where(x => x.Light.Reason == LightReason.Stale)
            .Select(x =>
            {
                var quietSince = x.Task.LastUpdateAtUtc is { } at ? clock.ToLocalDate(at) : x.Task.StartDate;
                return Line(x.Task, x.Light, asOf.DayNumber - quietSince.DayNumber, quietSince, OwnerName(x.Task));
            })
            .OrderByDescending(t => t.Days)
            .ToList();
        var dueSoonDays = options.Value.DueSoonDays;
        var dueSoon = lit
            .Where(x => x.Task.Status is not (PlanTaskStatus.Done or PlanTaskStatus.CloseRequested)
                && x.Task.Deadline >= asOf && x.Task.Deadline <= asOf.AddDays(dueSoonDays))
            .OrderBy(x => x.Task.Deadline)
            .Select(x => Line(x.Task, x.Light, x.Task.Deadline.DayNumber - asOf.DayNumber, x.Task.Deadline, OwnerName(x.Task)))
            .ToList();

        var paused = members.Values
            .Where(m => m.PausedUntil >= asOf)
            .OrderBy(m => m.PausedUntil)
            .Select(m => (m.Name, m.PausedUntil!.Value))
            .ToList();

        return new DigestModel(
            asOf,
            since,
            dueSoonDays,
            ListLightCounts.Count(lit.Select(x => (x.Task.List, x.Light.Light))),
            newlyRed,
            blocked,
            pendingExtensions,
            pendingCloseOuts,
            finished,
            updated,
            stale,
            dueSoon,
            paused);
    }

    /// <summary>The first red day of a red task, or null when it is not red (or far behind but not yet recorded so).</summary>
    private static DateOnly? RedSince(PlanTask task, LightResult light) => light switch
    {
        { IsLate: true } => light.LateSince!.Value.AddDays(1),
        { Reason: LightReason.FarBehindSchedule } => task.RedUntilMadeUpSince,
        _ => null,
    };

    private static DigestTask Line(PlanTask task, LightResult light, int days, DateOnly date, string people, string note = "") =>
        new(task.Code, task.Title, light, task.ProgressPercent, days, date, people, task.Deadline, note);

    /// <summary>When each blocked task's current blocker was reported: its last "blocked" history row.</summary>
    private static async Task<Dictionary<int, DateTime>> BlockedSinceAsync(PlanBotDbContext db, List<int> taskIds, CancellationToken ct) =>
        (await db.ProgressUpdates.AsNoTracking()
            .Where(u => u.Kind == UpdateKind.Blocked && taskIds.Contains(u.TaskId))
            .Select(u => new { u.TaskId, u.AtUtc })
            .ToListAsync(ct))
        .GroupBy(u => u.TaskId)
        .ToDictionary(g => g.Key, g => g.Max(u => u.AtUtc));
}
