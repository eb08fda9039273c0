using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Common;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

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
/// The reminder scan: works out from the plan's state what each owner and supervisor should hear today, merges it into
/// one message per person, and records every reminder under a unique key in the same transaction as the outbox rows.
/// Running it again the same day (the job, /remind, a restart) therefore sends only what was not sent yet.
/// </summary>
public sealed class ReminderScanner(
    PlanBotDbContext db,
    PlanClock clock,
    WorkingDayCalendar calendar,
    JobTiming timing,
    ITaskButtons buttons,
    IOptions<ReminderOptions> options,
    IOptions<PlanBotOptions> planOptions,
    ILogger<ReminderScanner> logger)
{
    /// <summary>The BotStateEntry holding the plan-zone date of the last completed scan (yyyy-MM-dd).</summary>
    public const string LastScanSetting = "Reminders:LastScanDate";

    /// <summary>
    /// Task lines per message. A day's reminders are one message per person; only past this many (e.g. a supervisor on
    /// the day twenty year-end tasks reach three working days overdue) are they split, to stay within Telegram's 4096 characters.
    /// </summary>
    public const int MaxLinesPerMessage = 20;

    /// <summary>How far back earlier reminders are read: escalation levels and check-ins are "once per spell", and a plan spans a year.</summary>
    private const int LookBackDays = 400;

    private readonly ReminderOptions _options = options.Value;
    private readonly LightThresholds _light = planOptions.Value.Light;

    /// <summary>For the scheduled job: scans when the configured time has come today and today is a scan day.</summary>
    public async Task<ReminderScanResult> RunScheduledAsync(CancellationToken ct)
    {
        if (timing.DueOccurrence(_options.Cron, _options.WorkingDaysOnly) is null)
        {
            logger.LogInformation("Reminder scan not due on {Today} at this time", clock.Today);
            return ReminderScanResult.Nothing;
        }

        return await RunAsync(ct);
    }

    /// <summary>Scans now (the job, and /remind): sends what is due today and was not sent yet.</summary>
    public async Task<ReminderScanResult> RunAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var nowUtc = clock.UtcNow;
        var lastScan = await LastScanAsync(ct);
        var windowStart = WindowStart(today, lastScan);

        var tasks = await db.Tasks.AsNoTracking()
            .Include(t => t.Milestones)
            .Include(t => t.CoOwners)
            .Where(t => t.Status != PlanTaskStatus.Done)
            .OrderBy(t => t.Code)
            .AsSplitQuery()
            .ToListAsync(ct);
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var earliest = today.AddDays(-Math.Max(_options.StaleDays, LookBackDays));
        var earlier = await db.SentReminders.AsNoTracking()
            .Where(r => taskIds.Contains(r.TaskId) && r.Date >= earliest)
            .ToListAsync(ct);
        var sentKeys = earlier.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var ownerLines = new Dictionary<int, List<ReminderLine>>();
        var supervisorLines = new Dictionary<int, List<ReminderLine>>();
        var supervisors = members.Values
            .Where(m => m.Has(MemberRoles.Supervisor) && m.ChatId is not null && m.Reachable)
            .OrderBy(m => m.Id)
            .ToList();

        foreach (var task in tasks)
        {
            var light = task.LightOn(today, clock.Zone, _light);
            var due = OwnerReminder(task, light, today, windowStart, earlier);
            if (due is not null)
            {
                foreach (var memberId in Owners(task))
                {
                    if (members.TryGetValue(memberId, out var member) && CanRemind(member, today)
                        && !sentKeys.Contains(SentReminder.OwnerKey(today, memberId, task.Id)))
                    {
                        Add(ownerLines, memberId, new ReminderLine(task, light, due.Value.Kind, due.Value.Days, due.Value.Milestone));
                    }
                }
            }

            if (EscalationLevel(task, light, today) is { } level)
            {
                foreach (var supervisor in supervisors)
                {
                    if (!sentKeys.Contains(SentReminder.EscalationKey(today, supervisor.Id, task.Id))
                        && !earlier.Any(r => r.Kind == ReminderKind.Escalation && r.TaskId == task.Id && r.MemberId == supervisor.Id
                                             && r.Days >= level && r.Date > OverdueSince(task, light, today)))
                    {
                        Add(supervisorLines, supervisor.Id, new ReminderLine(task, light, ReminderKind.Escalation, level, null));
                    }
                }
            }
        }

        foreach (var (memberId, lines) in ownerLines)
        {
            var member = members[memberId];
            db.Enqueue(nowUtc, lines.Chunk(MaxLinesPerMessage).Select(chunk => OwnerMessage(member, chunk, today)));
            db.SentReminders.AddRange(lines.Select(l => Record(SentReminder.OwnerKey(today, memberId, l.Task.Id), today, memberId, l, nowUtc)));
        }

        foreach (var (supervisorId, lines) in supervisorLines)
        {
            var supervisor = members[supervisorId];
            db.Enqueue(nowUtc, lines
                .OrderByDescending(l => l.Light.DaysOverdue)
                .ThenBy(l => l.Task.Code, StringComparer.Ordinal)
                .Chunk(MaxLinesPerMessage)
                .Select(chunk => EscalationMessage(supervisor, chunk, lines.Count, members, today)));
            db.SentReminders.AddRange(lines.Select(l => Record(SentReminder.EscalationKey(today, supervisorId, l.Task.Id), today, supervisorId, l, nowUtc)));
        }

        if (lastScan is null || lastScan < today)
        {
            await db.SetStateAsync(LastScanSetting, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another scan (the job and /remind at once) recorded the same reminders first: it sent them, so this one sends nothing.
            logger.LogWarning("Reminder scan for {Today} lost a race with another scan; nothing sent twice", today);
            db.ChangeTracker.Clear();
            return ReminderScanResult.Nothing;
        }

        var result = new ReminderScanResult(
            ownerLines.Values.Sum(l => l.Count), ownerLines.Count, supervisorLines.Values.Sum(l => l.Count), supervisorLines.Count);
        logger.LogInformation(
            "Reminder scan for {Today}: {Reminders} reminders to {Owners} owners, {Escalations} escalations to {Supervisors} supervisors",
            today, result.Reminders, result.OwnersReminded, result.Escalations, result.SupervisorsAlerted);
        return result;
    }

    private async Task<DateOnly?> LastScanAsync(CancellationToken ct) =>
        await db.GetStateAsync(LastScanSetting, ct) is { } text
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>
    /// The first day whose before-deadline reminders today's scan still owes: the day after the previous scan day,
    /// so a 7-days-before date that falls on a weekend or holiday, or while the bot was down, is reminded on the next scan.
    /// </summary>
    private DateOnly WindowStart(DateOnly today, DateOnly? lastScan)
    {
        var start = today;
        if (_options.WorkingDaysOnly)
        {
            var previous = today.AddDays(-1);
            for (var i = 0; i < 30 && !calendar.IsWorkingDay(previous); i++)
            {
                previous = previous.AddDays(-1);
            }

            start = previous.AddDays(1);
        }

        if (lastScan is { } last && last.AddDays(1) < start)
        {
            start = last.AddDays(1) < today.AddDays(-30) ? today.AddDays(-30) : last.AddDays(1);
        }

        return start;
    }

    private bool DueOn(DateOnly date, DateOnly today, DateOnly windowStart, out int daysLeft)
    {
        daysLeft = date.DayNumber - today.DayNumber;
        if (daysLeft < 0)
        {
            return false;
        }

        foreach (var offset in _options.DaysBefore)
        {
            var remindOn = date.AddDays(-offset);
            if (remindOn >= windowStart && remindOn <= today)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one reminder an owner gets about this task today, most urgent first: overdue, deadline, milestone, check-in.</summary>
    private (ReminderKind Kind, int Days, Milestone? Milestone)? OwnerReminder(
        PlanTask task, LightResult light, DateOnly today, DateOnly windowStart, List<SentReminder> earlier)
    {
        if (light.Light == Light.Overdue)
        {
            var since = OverdueSince(task, light, today);
            var toldBefore = earlier.Any(r => r.TaskId == task.Id && r.Kind == ReminderKind.Overdue && r.Date > since);
            return _options.OverdueEveryWorkingDay || !toldBefore ? (ReminderKind.Overdue, light.DaysOverdue, null) : null;
        }

        if (DueOn(task.Deadline, today, windowStart, out var daysLeft))
        {
            return (ReminderKind.DeadlineSoon, daysLeft, null);
        }

        var milestone = task.Milestones
            .Where(m => m.ExpectedPercent > task.ProgressPercent && DueOn(m.Date, today, windowStart, out _))
            .OrderBy(m => m.Date)
            .FirstOrDefault();
        if (milestone is not null)
        {
            return (ReminderKind.MilestoneSoon, milestone.Date.DayNumber - today.DayNumber, milestone);
        }

        var quietSince = task.LastUpdateAtUtc is { } at ? clock.ToLocalDate(at) : task.StartDate;
        var quietDays = today.DayNumber - quietSince.DayNumber;
        var askedRecently = earlier.Any(r => r.TaskId == task.Id && r.Kind == ReminderKind.CheckIn
                                             && r.Date > today.AddDays(-_options.StaleDays) && r.Date > quietSince);
        return today >= task.StartDate && quietDays >= _options.StaleDays && !askedRecently
            ? (ReminderKind.CheckIn, quietDays, null)
            : null;
    }

    private static DateOnly OverdueSince(PlanTask task, LightResult light, DateOnly today) =>
        light.Light == Light.Overdue ? today.AddDays(-light.DaysOverdue) : task.Deadline;

    /// <summary>
    /// The escalation level reached today, counted in working days since the task became overdue (so a level never
    /// falls on a day nobody reads it), or null when no level is reached. Each supervisor gets each level once per overdue spell.
    /// </summary>
    private int? EscalationLevel(PlanTask task, LightResult light, DateOnly today)
    {
        if (light.Light != Light.Overdue || _options.EscalateAfterDaysOverdue.Count == 0)
        {
            return null;
        }

        var since = OverdueSince(task, light, today);
        var workingDays = calendar.WorkingDaysBetween(since, today);
        var reached = _options.EscalateAfterDaysOverdue.Where(n => n <= workingDays).DefaultIfEmpty(0).Max();
        return reached == 0 ? null : reached;
    }

    private static IEnumerable<int> Owners(PlanTask task) =>
        (task.OwnerId is { } owner ? new[] { owner } : []).Concat(task.CoOwners.Select(c => c.MemberId)).Distinct();

    private static bool CanRemind(Member member, DateOnly today) =>
        member.ChatId is not null && member.Reachable && !(member.PausedUntil >= today);

    private static void Add(Dictionary<int, List<ReminderLine>> lines, int memberId, ReminderLine line)
    {
        if (!lines.TryGetValue(memberId, out var list))
        {
            lines[memberId] = list = [];
        }

        list.Add(line);
    }

    private static SentReminder Record(string key, DateOnly today, int memberId, ReminderLine line, DateTime nowUtc) => new()
    {
        Key = key,
        Date = today,
        MemberId = memberId,
        TaskId = line.Task.Id,
        Kind = line.Kind,
        Days = line.Days,
        CreatedAtUtc = nowUtc,
    };

    private OutgoingMessage OwnerMessage(Member member, ReminderLine[] lines, DateOnly today)
    {
        var t = TextSet.For(member.Language);
        var text = new StringBuilder();
        text.Append(t.Format("reminder.header", t.ShortDate(today))).Append('\n');
        foreach (var line in lines)
        {
            text.Append('\n').Append(TaskLine(line, t)).Append('\n');
            text.Append("   ").Append(WhatIsDue(line, t, today)).Append('\n');
        }

        text.Append('\n').Append(t[lines.Length == 1 ? "reminder.footerOne" : "reminder.footerMany"]);
        return lines.Length == 1
            ? new OutgoingMessage(member.ChatId!.Value, text.ToString())
            {
                RecipientMemberId = member.Id,
                TaskId = lines[0].Task.Id,
                Buttons = buttons.ForTask(lines[0].Task.Id, t.Language),
            }
            : new OutgoingMessage(member.ChatId!.Value, text.ToString())
            {
                RecipientMemberId = member.Id,
                Buttons = lines.Select(l => buttons.CompactRow(l.Task.Id, l.Task.Code, t.Language)).ToList(),
            };
    }

    private static OutgoingMessage EscalationMessage(
        Member supervisor, ReminderLine[] lines, int total, Dictionary<int, Member> members, DateOnly today)
    {
        var t = TextSet.For(supervisor.Language);
        var text = new StringBuilder();
        text.Append(t.Format("escalation.header", total, t.ShortDate(today))).Append('\n');
        foreach (var line in lines)
        {
            text.Append('\n').Append(TaskLine(line, t)).Append('\n');
            var owner = line.Task.OwnerId is { } id && members.TryGetValue(id, out var m) ? m : null;
            text.Append("   ").Append(t.Format(
                "escalation.detail",
                line.Light.DaysOverdue, line.Days, t.ShortDate(line.Task.Deadline, today.Year), line.Task.ProgressPercent,
                new RawHtml(OwnerText(owner, t, today))))
                .Append('\n');
        }

        text.Append('\n').Append(t["escalation.footer"]);
        return new OutgoingMessage(supervisor.ChatId!.Value, text.ToString()) { RecipientMemberId = supervisor.Id };
    }

    /// <summary>The owner as a supervisor sees them: the name, and the leave they are on.</summary>
    private static string OwnerText(Member? owner, TextSet t, DateOnly today)
    {
        if (owner is null)
        {
            return t["names.noOwner"];
        }

        var name = Html.Escape(owner.Name);
        return owner.PausedUntil is { } until && until >= today
            ? name + " " + t.Format("names.pausedUntil", t.ShortDate(until, today.Year))
            : name;
    }

    private static string TaskLine(ReminderLine line, TextSet t) =>
        t.Format("line.taskShort", line.Light.Emoji, line.Task.Code, line.Task.Title);

    private static string WhatIsDue(ReminderLine line, TextSet t, DateOnly today)
    {
        var deadline = t.ShortDate(line.Task.Deadline, today.Year);
        var progress = line.Task.ProgressPercent;
        return line.Kind switch
        {
            ReminderKind.Overdue when line.Light.Reason == LightReason.MilestoneMissed =>
                t.Format("reminder.milestoneMissed", line.Days, deadline, progress),
            ReminderKind.Overdue => t.Format("reminder.overdue", line.Days, deadline, progress),
            ReminderKind.DeadlineSoon when line.Days == 0 => t.Format("reminder.dueToday", deadline, progress),
            ReminderKind.DeadlineSoon => t.Format("reminder.dueInDays", line.Days, deadline, progress),
            ReminderKind.MilestoneSoon => t.Format(
                line.Days == 0 ? "reminder.milestoneToday" : "reminder.milestoneInDays",
                line.Milestone!.Title, line.Days, t.ShortDate(line.Milestone.Date, today.Year),
                line.Milestone.ExpectedPercent, progress, deadline),
            _ => t.Format("reminder.checkIn", line.Days, deadline, progress),
        };
    }

    private sealed record ReminderLine(PlanTask Task, LightResult Light, ReminderKind Kind, int Days, Milestone? Milestone);
}
