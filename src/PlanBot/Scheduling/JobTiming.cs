using PlanBot.Plans;
using PlanBot.Clock;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Decides whether a scheduled job has work due now. Quartz only says "a trigger fired"; whether that fire is a
/// working day, or a catch-up after downtime or a holiday, is answered here from the cron and PlanBot's calendar,
/// so every kind of fire (cron, daily follow-up, start-up) goes through the same rule. Work that came due before the
/// bot's <see cref="FirstStart"/> is not caught up.
/// </summary>
/// <param name="firstStart">Null (tests that run a job by hand): everything due is caught up.</param>
public sealed class JobTiming(PlanClock clock, WorkingDayCalendar calendar, FirstStart? firstStart = null)
{
    /// <summary>
    /// The latest time <paramref name="cron"/> was due, when work for it may run now: today is a working day (when
    /// <paramref name="workingDaysOnly"/>) and the local time has reached that occurrence's time of day, and the work
    /// of the occurrence's <paramref name="period"/> came due after the bot's first start (<see cref="FirstDue"/>).
    /// Null when nothing is due.
    /// </summary>
    public DateTimeOffset? DueOccurrence(string cron, bool workingDaysOnly, JobPeriod period)
    {
        if (LatestOccurrence(cron, workingDaysOnly) is not { } occurrence)
        {
            return null;
        }

        // Nothing before the first start was missed: a bot that was not running yet owes none of it.
        return firstStart?.At is { } start && FirstDue(cron, workingDaysOnly, occurrence, period) < start ? null : occurrence;
    }

    /// <summary>
    /// When the work of <paramref name="occurrence"/>'s period first came due: today's fire for a day's work; for a
    /// week's or a month's, the period's first occurrence of <paramref name="cron"/>, or the same time on the next
    /// working day when that day is not one (the daily follow-up's fire).
    /// </summary>
    private DateTimeOffset FirstDue(string cron, bool workingDaysOnly, DateTimeOffset occurrence, JobPeriod period)
    {
        var local = TimeZoneInfo.ConvertTime(occurrence, clock.Zone);
        if (period == JobPeriod.Day)
        {
            return AtLocal(clock.Today, local.TimeOfDay);
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var periodStart = period == JobPeriod.IsoWeek
            ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) // back to Monday
            : new DateOnly(day.Year, day.Month, 1);
        // GetNextValidTimeAfter is strict; a second earlier lets an occurrence at midnight count.
        var first = new CronExpression(cron, clock.Zone).GetNextValidTimeAfter(AtLocal(periodStart, TimeSpan.Zero).AddSeconds(-1)) ?? occurrence;
        var firstLocal = TimeZoneInfo.ConvertTime(first, clock.Zone);
        var firstDay = DateOnly.FromDateTime(firstLocal.DateTime);
        while (workingDaysOnly && !calendar.IsWorkingDay(firstDay) && firstDay < clock.Today)
        {
            firstDay = firstDay.AddDays(1);
        }

        return AtLocal(firstDay, firstLocal.TimeOfDay);
    }

    private DateTimeOffset? LatestOccurrence(string cron, bool workingDaysOnly)
    {
        var expression = new CronExpression(cron, clock.Zone);
        // GetPreviousValidTimeBefore is strict; a second of slack lets a fire exactly on time see itself.
        var latest = expression.GetPreviousValidTimeBefore(clock.Time.GetUtcNow().AddSeconds(1));
        if (latest is not { } occurrence)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(occurrence, clock.Zone);
        if (clock.LocalNow.TimeOfDay.Add(TimeSpan.FromSeconds(1)) < local.TimeOfDay)
        {
            return null;
        }

        return workingDaysOnly && !calendar.IsWorkingDay(clock.Today) ? null : occurrence;
    }

    private DateTimeOffset AtLocal(DateOnly day, TimeSpan timeOfDay) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), clock.Zone), TimeSpan.Zero);

    /// <summary>The plan-zone date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, clock.Zone).DateTime);

    /// <summary>True when <paramref name="cron"/> fires on every one of the next 14 days (seen in UTC).</summary>
    public static bool FiresEveryDay(string cron)
    {
        var expression = new CronExpression(cron, TimeZoneInfo.Utc);
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var days = new HashSet<DateOnly>();
        for (var next = expression.GetNextValidTimeAfter(from); next is { } at && at < from.AddDays(14); next = expression.GetNextValidTimeAfter(at))
        {
            days.Add(DateOnly.FromDateTime(at.UtcDateTime));
        }

        return days.Count == 14;
    }

    /// <summary>
    /// A cron firing every day at the time of day <paramref name="cron"/> next fires: the follow-up that lets a job
    /// whose day was a holiday run on the next working day at the usual time.
    /// </summary>
    public string DailyAtSameTime(string cron)
    {
        var expression = new CronExpression(cron, clock.Zone);
        var next = expression.GetNextValidTimeAfter(clock.Time.GetUtcNow())
            ?? throw new InvalidOperationException($"The cron expression '{cron}' never fires again.");
        var time = TimeZoneInfo.ConvertTime(next, clock.Zone);
        return FormattableString.Invariant($"{time.Second} {time.Minute} {time.Hour} ? * *");
    }
}

/// <summary>What one fire's work covers, so <see cref="JobTiming"/> can tell when that work first came due.</summary>
public enum JobPeriod
{
    /// <summary>The reminder scan: today's reminders.</summary>
    Day,

    /// <summary>The digest: one per ISO week.</summary>
    IsoWeek,

    /// <summary>The monthly report: one per month (of the occurrence; the report is the previous month's).</summary>
    Month,
}
