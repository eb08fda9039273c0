using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Supervision;

namespace PlanBot.Scheduling;

/// <summary>What one scan put in the outbox.</summary>
/// <param name="Reminders">Owner reminders (one per owner per task).</param>
/// <param name="OwnersReminded">Owners who got a message.</param>
/// <param name="Escalations">Escalations (one per supervisor per task).</param>
/// <param name="SupervisorsAlerted">Supervisors who got a message.</param>
public sealed record ReminderScanResult(int Reminders, int OwnersReminded, int Escalations, int SupervisorsAlerted)
{
    public static ReminderScanResult Nothing { get; } = new(0, 0, 0, 0);
}

/// <summary>
/// The reminder scan: loads the plan's open tasks, the roster and earlier reminders, lets <see cref="ReminderPlanner"/>
/// decide who hears what today and <see cref="ReminderMessages"/> word it, and records every reminder under a unique key
/// in the same transaction as the outbox rows. Running it again the same day (the job, /remind, a restart) therefore
/// sends only what was not sent yet.
/// </summary>
public sealed class ReminderScanner(
    PlanBotDbContext db,
    PlanClock clock,
    WorkingDayCalendar calendar,
    JobTiming timing,
    ITaskButtons buttons,
    IOptions<ReminderOptions> options,
    IOptions<LightThresholds> lights,
    LightWatch watch,
    ILogger<ReminderScanner> logger)
{
    /// <summary>The BotStateEntry holding the plan-zone date of the last completed scan (yyyy-MM-dd).</summary>
    public const string LastScanSetting = "Reminders:LastScanDate";

    /// <inheritdoc cref="ReminderMessages.MaxLinesPerMessage"/>
    public const int MaxLinesPerMessage = ReminderMessages.MaxLinesPerMessage;

    private readonly ReminderOptions _options = options.Value;
    private readonly ReminderPlanner _planner = new(options.Value, lights.Value, calendar, clock.Zone);
    private readonly ReminderMessages _messages = new(buttons);

    /// <summary>For the scheduled job: scans when the configured time has come today and today is a scan day.</summary>
    public async Task<ReminderScanResult> RunScheduledAsync(CancellationToken ct)
    {
        if (timing.DueOccurrence(_options.Cron, _options.WorkingDaysOnly, JobPeriod.Day) is null)
        {
            logger.LogInformation("Reminder scan not due on {Today} at this time (or it came due before the bot's first start)", clock.Today);
            return ReminderScanResult.Nothing;
        }

        return await RunAsync(ct);
    }

    /// <summary>Scans now (the job, and /remind): sends what is due today and was not sent yet.</summary>
    public async Task<ReminderScanResult> RunAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var nowUtc = clock.UtcNow;
        // Today's lights first: the notices they issue go out before the reminders, and are saved on their own. A
        // failing watch is logged and does not hold up the reminders.
        try
        {
            await watch.RunAsync(db, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Light watch for {Today} failed; reminders go out without it", today);
            db.ChangeTracker.Clear();
        }
        var lastScan = await LastScanAsync(ct);

        var tasks = await db.Tasks.AsNoTracking()
            .Include(t => t.Milestones)
            .Include(t => t.CoOwners)
            .Where(t => t.Status != PlanTaskStatus.Done && t.Status != PlanTaskStatus.CloseRequested)
            .OrderBy(t => t.Code)
            .AsSplitQuery()
            .ToListAsync(ct);
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var earliest = _planner.EarliestRelevant(today);
        var earlier = await db.SentReminders.AsNoTracking()
            .Where(r => taskIds.Contains(r.TaskId) && r.Date >= earliest)
            .ToListAsync(ct);

        var plan = _planner.Plan(new ReminderPlanInput(today, lastScan, tasks, members, earlier));

        foreach (var owner in plan.Owners)
        {
            db.Enqueue(nowUtc, _messages.ForOwner(owner, today));
            db.SentReminders.AddRange(owner.Lines.Select(l => Record(SentReminder.OwnerKey(today, owner.Member.Id, l.Task.Id), today, owner.Member.Id, l, nowUtc)));
        }

        var lapsed = await LapsedNoticesAsync(today, ct);
        var escalated = new HashSet<long>();
        foreach (var supervisor in Supervisors(plan, members.Values, lapsed.Count > 0))
        {
            var told = lapsed.Where(n => !earlier.Any(r => r.Key == SentReminder.NoticeKey(n.Id, supervisor.Member.Id))).ToList();
            if (supervisor.Lines.Count == 0 && told.Count == 0)
            {
                continue;
            }

            db.Enqueue(nowUtc, ReminderMessages.ForSupervisor(supervisor, members, today, told));
            db.SentReminders.AddRange(supervisor.Lines.Select(l => Record(SentReminder.EscalationKey(today, supervisor.Member.Id, l.Task.Id), today, supervisor.Member.Id, l, nowUtc)));
            db.SentReminders.AddRange(told.Select(n => new SentReminder
            {
                Key = SentReminder.NoticeKey(n.Id, supervisor.Member.Id),
                Date = today,
                MemberId = supervisor.Member.Id,
                TaskId = n.TaskId,
                Kind = ReminderKind.NoticeLapsed,
                CreatedAtUtc = nowUtc,
            }));
            escalated.UnionWith(told.Select(n => n.Id));
        }

        foreach (var notice in lapsed.Where(n => escalated.Contains(n.Id)))
        {
            notice.EscalatedAtUtc = nowUtc;
        }

        if (lastScan is null || lastScan < today)
        {
            await db.SetStateAsync(LastScanSetting, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another scan (the job and /remind at once) recorded the same reminders first: it sent them, so this one sends nothing.
            logger.LogWarning("Reminder scan for {Today} lost a race with another scan; nothing sent twice", today);
            db.ChangeTracker.Clear();
            return ReminderScanResult.Nothing;
        }

        var result = new ReminderScanResult(plan.Reminders, plan.Owners.Count, plan.Escalations + escalated.Count, plan.Supervisors.Count);
        logger.LogInformation(
            "Reminder scan for {Today}: {Reminders} reminders to {Owners} owners, {Escalations} escalations to {Supervisors} supervisors",
            today, result.Reminders, result.OwnersReminded, result.Escalations, result.SupervisorsAlerted);
        return result;
    }

    /// <summary>Notices past their reply deadline without a reply, not escalated yet (tracked: they are marked escalated).</summary>
    private Task<List<Notice>> LapsedNoticesAsync(DateOnly today, CancellationToken ct) =>
        db.Notices
            .Include(n => n.Task)
            .Include(n => n.Member)
            .Where(n => n.RepliedAtUtc == null && n.ClosedAtUtc == null && n.EscalatedAtUtc == null && n.ReplyBy < today)
            .OrderBy(n => n.Kind == NoticeKind.Supervision ? 0 : 1)
            .ThenBy(n => n.Number)
            .ToListAsync(ct);

    /// <summary>The supervisors with escalations today, and with lapsed notices every reachable supervisor.</summary>
    private static IEnumerable<MemberReminders> Supervisors(ReminderPlan plan, IEnumerable<Member> members, bool anyLapsed) =>
        anyLapsed
            ? members.Where(m => m.Has(MemberRoles.Supervisor) && m.ChatId is not null && m.Reachable)
                .OrderBy(m => m.Id)
                .Select(m => plan.Supervisors.FirstOrDefault(s => s.Member.Id == m.Id) ?? new MemberReminders(m, []))
            : plan.Supervisors;

    private async Task<DateOnly?> LastScanAsync(CancellationToken ct) =>
        await db.GetStateAsync(LastScanSetting, ct) is { } text
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static SentReminder Record(string key, DateOnly today, int memberId, PlannedReminder line, DateTime nowUtc) => new()
    {
        Key = key,
        Date = today,
        MemberId = memberId,
        TaskId = line.Task.Id,
        Kind = line.Kind,
        Days = line.Days,
        CreatedAtUtc = nowUtc,
    };
}
