using PlanBot.Plans;
using PlanBot.Scheduling;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Scheduling;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load(Repo.File("seeds", "holidays-cn.json"));

    [Theory]
    [InlineData("2024-02-04", true)]  // Sunday, make-up working day for the Spring Festival
    [InlineData("2024-10-01", false)] // National Day
    [InlineData("2024-10-08", true)]  // Tuesday after National Day
    [InlineData("2024-10-12", true)]  // Saturday, make-up day
    [InlineData("2024-10-13", false)] // ordinary Sunday
    [InlineData("2024-02-12", false)] // Monday inside the Spring Festival
    [InlineData("2025-01-26", true)]  // Sunday, make-up day for the 2025 Spring Festival
    [InlineData("2025-10-08", false)] // 2025 National Day and Mid-Autumn, eighth day
    [InlineData("2026-01-04", true)]  // Sunday, make-up day after New Year 2026
    [InlineData("2026-02-23", false)] // last day of the 2026 Spring Festival
    [InlineData("2026-11-24", true)]  // an ordinary Tuesday
    public void Knows_official_holidays_and_make_up_days(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Covers_2024_to_2026() => Assert.Equal([2024, 2025, 2026], Calendar.Years.Order());

    [Fact]
    public void Counts_working_days_across_a_holiday()
    {
        // 2024-09-30 (Mon) → 2024-10-08 (Tue): only 10-08 is a working day after 09-30.
        Assert.Equal(1, Calendar.WorkingDaysBetween(new DateOnly(2024, 9, 30), new DateOnly(2024, 10, 8)));
        Assert.Equal(new DateOnly(2024, 10, 8), Calendar.NextWorkingDay(new DateOnly(2024, 10, 1)));
    }
}
