using PlanBot.Plans;
using PlanBot.Clock;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Decides whether a scheduled job has work due now. Quartz only says "a trigger fired"; whether that fire is a
/// working day, or a catch-up after downtime or a holiday, is answered here from the cron and PlanBot's calendar,
/// so every kind of fire (cron, daily follow-up, start-up) goes through the same rule.
/// </summary>
public sealed class JobTiming(PlanClock clock, WorkingDayCalendar calendar)
{
    /// <summary>
    /// The latest time <paramref name="cron"/> was due, when work for it may run now: today is a working day (when
    /// <paramref name="workingDaysOnly"/>) and the local time has reached that occurrence's time of day.
    /// Null when nothing is due.
    /// </summary>
    public DateTimeOffset? DueOccurrence(string cron, bool workingDaysOnly)
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
