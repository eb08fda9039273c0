using PlanBot.Common;
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

    /// <summary>
    /// A daily cron at the time of day <paramref name="cron"/> next fires, or null when <paramref name="cron"/> already
    /// fires every day. It lets a job whose day was a holiday run on the next working day at the usual time.
    /// </summary>
    public string? DailyFollowUp(string cron)
    {
        var expression = new CronExpression(cron, clock.Zone);
        var fires = new List<DateTimeOffset>();
        var from = clock.Time.GetUtcNow();
        for (var i = 0; i < 8 && expression.GetNextValidTimeAfter(from) is { } next; i++)
        {
            fires.Add(next);
            from = next;
        }

        if (fires.Count == 0)
        {
            return null;
        }

        var days = fires.Select(LocalDate).Distinct().ToList();
        var everyDay = days.Count >= 7 && days.Zip(days.Skip(1)).All(p => p.Second.DayNumber - p.First.DayNumber == 1);
        if (everyDay)
        {
            return null;
        }

        var time = TimeZoneInfo.ConvertTime(fires[0], clock.Zone);
        return FormattableString.Invariant($"{time.Second} {time.Minute} {time.Hour} ? * *");
    }
}
