using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Clock;

/// <summary>
/// Whether the working-day calendar knows the years the bureau is working in: today's, and every task deadline's.
/// Outside the calendar's years only weekends are days off, so a holiday weekday would count as a working day in
/// reminders, escalations and "working days overdue"; this says so instead of being silently wrong.
/// </summary>
public sealed class CalendarCoverage(WorkingDayCalendar calendar, PlanClock clock, IOptions<ClockOptions> options)
{
    /// <summary>The years of today and of any deadline that the calendar has no official schedule for, in order.</summary>
    public async Task<IReadOnlyList<int>> MissingYearsAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var years = await db.Tasks.Select(t => t.Deadline.Year).Distinct().ToListAsync(ct);
        years.Add(clock.Today.Year);
        return [.. years.Distinct().Where(y => !calendar.Years.Contains(y)).Order()];
    }

    /// <summary>One line for the log and the CLI, or null when the calendar covers every year needed.</summary>
    public async Task<string?> WarningAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var missing = await MissingYearsAsync(db, ct);
        if (missing.Count == 0)
        {
            return null;
        }

        var years = string.Join(", ", missing.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        return $"the holiday calendar {options.Value.HolidaysPath} has no official schedule for {years} (today {clock.Today:yyyy-MM-dd} or a deadline): " +
            "holidays there count as working days in reminders, escalations and working days overdue; add the year as docs/scheduling.md describes";
    }
}
