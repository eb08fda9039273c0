using PlanBot.Tests.Support;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Tests.Plans;

public sealed class StatusLightTests
{
    private static readonly LightThresholds Thresholds = new() { StaleDays = 14, YellowBehindPoints = 10, RedBehindPoints = 30 };
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Deadline = new(2024, 12, 31);

    private static LightInput Task(
        PlanTaskStatus status = PlanTaskStatus.Open,
        int percent = 0,
        DateOnly? lastUpdate = null,
        DateOnly? deadline = null,
        params (DateOnly, int)[] milestones) =>
        new(status, Start, deadline ?? Deadline, percent, lastUpdate, milestones.Select(m => new MilestoneInput(m.Item1, m.Item2, "节点")).ToList());

    /// <summary>A task the light watch last recorded red for being far behind.</summary>
    private static LightInput WasRed(int percent, DateOnly lastUpdate) => Task(percent: percent, lastUpdate: lastUpdate) with { WasRedForBeingBehind = true };

    /// <summary>The official calendar (2024: 国庆 10月1–7日, make-up working days 9月29日 and 10月12日).</summary>
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load(Repo.File("seeds", "holidays-cn.json"));

    private static LightResult On(LightInput task, DateOnly today) => StatusLight.Compute(task, today, Thresholds, Calendar);

    [Fact]
    public void Done_task_is_done_even_after_its_deadline()
    {
        var light = On(Task(PlanTaskStatus.Done, 100), new DateOnly(2025, 3, 1));

        Assert.Equal(Light.Done, light.Light);
        Assert.Equal("✅", light.Emoji);
    }

    [Fact]
    public void A_task_awaiting_close_out_is_green_with_its_own_reason_and_not_done_even_after_its_deadline()
    {
        var light = On(Task(PlanTaskStatus.CloseRequested, 100, deadline: new DateOnly(2024, 6, 30)), new DateOnly(2024, 7, 15));

        Assert.Equal((Light.OnTrack, LightReason.AwaitingCloseOut), (light.Light, light.Reason));
        Assert.Equal("待销号", TextSet.Chinese.LightText(light, 2024));
        Assert.Equal("awaiting close-out", TextSet.English.LightText(light, 2024));
    }

    [Fact]
    public void Deadline_day_itself_is_not_overdue_and_the_next_day_is()
    {
        var task = Task(percent: 95, lastUpdate: new DateOnly(2024, 12, 30));

        Assert.NotEqual(Light.Red, On(task, Deadline).Light);
        var dayAfter = On(task, Deadline.AddDays(1));
        Assert.Equal(Light.Red, dayAfter.Light);
        Assert.Equal(LightReason.DeadlinePassed, dayAfter.Reason);
        Assert.Equal(Deadline, dayAfter.LateSince);
        Assert.Equal("🔴", dayAfter.Emoji);
    }

    [Fact]
    public void Blocked_task_past_its_deadline_is_overdue_not_just_at_risk()
    {
        Assert.Equal(Light.Red, On(Task(PlanTaskStatus.Blocked), Deadline.AddDays(3)).Light);
    }

    [Fact]
    public void Passed_milestone_with_progress_below_its_share_is_overdue()
    {
        var milestone = (new DateOnly(2024, 3, 29), 25);
        var lastUpdate = new DateOnly(2024, 3, 28);

        Assert.NotEqual(Light.Red, On(Task(percent: 20, lastUpdate: lastUpdate, milestones: milestone), new DateOnly(2024, 3, 29)).Light);
        var after = On(Task(percent: 20, lastUpdate: lastUpdate, milestones: milestone), new DateOnly(2024, 3, 30));
        Assert.Equal((Light.Red, LightReason.MilestoneMissed, new DateOnly(2024, 3, 29)), (after.Light, after.Reason, after.LateSince));
        Assert.Equal(25, after.MissedMilestone!.ExpectedPercent);
        Assert.Equal(Light.OnTrack, On(Task(percent: 25, lastUpdate: lastUpdate, milestones: milestone), new DateOnly(2024, 3, 30)).Light);
    }

    [Theory]
    [InlineData("2024-09-27", "2024-09-28", 0)] // Friday deadline, Saturday: red, not yet a working day late
    [InlineData("2024-09-27", "2024-09-30", 2)] // Sunday 9月29日 is a make-up working day, Monday counts too
    [InlineData("2024-09-30", "2024-10-08", 1)] // 国庆 10月1–7日 are holidays: only Tuesday 10月8日 counts
    [InlineData("2024-09-30", "2024-10-12", 5)] // 10月8–11日 and the make-up Saturday 10月12日
    public void Lateness_is_counted_in_working_days_after_the_date(string deadline, string today, int workingDays)
    {
        var due = DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture);
        var light = On(Task(deadline: due), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((Light.Red, LightReason.DeadlinePassed, due, workingDays), (light.Light, light.Reason, light.LateSince, light.WorkingDaysLate));
    }

    [Fact]
    public void Missed_milestone_is_behind_a_milestone_counted_from_the_earliest_missed_one_until_the_deadline_passes()
    {
        var task = Task(percent: 10, lastUpdate: new DateOnly(2024, 6, 3), milestones: [(new DateOnly(2024, 6, 28), 50), (new DateOnly(2024, 3, 29), 25)]);

        var behind = On(task, new DateOnly(2024, 7, 1));
        Assert.Equal((LightReason.MilestoneMissed, new DateOnly(2024, 3, 29)), (behind.Reason, behind.LateSince));
        Assert.Equal(Calendar.WorkingDaysBetween(new DateOnly(2024, 3, 29), new DateOnly(2024, 7, 1)), behind.WorkingDaysLate);

        var overdue = On(task, new DateOnly(2025, 1, 2));
        Assert.Equal((LightReason.DeadlinePassed, Deadline, 1), (overdue.Reason, overdue.LateSince, overdue.WorkingDaysLate));
        Assert.Null(overdue.MissedMilestone);
    }

    [Fact]
    public void Blocked_task_is_at_risk()
    {
        var light = On(Task(PlanTaskStatus.Blocked, 50, new DateOnly(2024, 6, 1)), new DateOnly(2024, 6, 2));

        Assert.Equal((Light.AtRisk, LightReason.Blocked), (light.Light, light.Reason));
        Assert.Equal("🟡", light.Emoji);
    }

    [Fact]
    public void Task_is_stale_from_exactly_the_configured_number_of_quiet_days()
    {
        var lastUpdate = new DateOnly(2024, 6, 1);
        var task = Task(percent: 50, lastUpdate: lastUpdate);

        Assert.Equal(Light.OnTrack, On(task, lastUpdate.AddDays(13)).Light);
        var stale = On(task, lastUpdate.AddDays(14));
        Assert.Equal((Light.AtRisk, LightReason.Stale), (stale.Light, stale.Reason));
    }

    [Fact]
    public void Task_never_updated_is_stale_counted_from_its_start()
    {
        Assert.Equal(Light.OnTrack, On(Task(), Start.AddDays(13)).Light);
        Assert.Equal(LightReason.Stale, On(Task(), Start.AddDays(14)).Reason);
    }

    [Fact]
    public void Behind_its_scheduled_progress_by_more_than_the_bands_is_yellow_then_red()
    {
        // 2024-07-02: the 序时进度 at the end of 7月1日 is 183 of 366 days, 50 %.
        var today = new DateOnly(2024, 7, 2);

        Assert.Equal((Light.OnTrack, 10), Of(On(Task(percent: 40, lastUpdate: today), today)));
        Assert.Equal((Light.AtRisk, 11), Of(On(Task(percent: 39, lastUpdate: today), today)));
        Assert.Equal(LightReason.BehindSchedule, On(Task(percent: 39, lastUpdate: today), today).Reason);
        Assert.Equal((Light.AtRisk, 30), Of(On(Task(percent: 20, lastUpdate: today), today)));
        var red = On(Task(percent: 19, lastUpdate: today), today);
        Assert.Equal((Light.Red, 31), Of(red));
        Assert.Equal(LightReason.FarBehindSchedule, red.Reason);
        Assert.True(red.IsFarBehindNow);
        Assert.False(red.IsLate);
        Assert.Null(red.LateSince);

        static (Light, int) Of(LightResult light) => (light.Light, light.BehindPoints);
    }

    [Fact]
    public void A_red_for_being_behind_stays_red_until_the_shortfall_is_made_up()
    {
        var today = new DateOnly(2024, 7, 2);

        // Ouhai's rule: one update to 25 points behind does not make it yellow; reaching the 序时进度 does.
        var stillRed = On(WasRed(25, today), today);
        Assert.Equal((Light.Red, LightReason.FarBehindSchedule, 25), (stillRed.Light, stillRed.Reason, stillRed.BehindPoints));
        Assert.False(stillRed.IsFarBehindNow);
        Assert.Equal(Light.Red, On(WasRed(49, today), today).Light);
        Assert.Equal((Light.OnTrack, LightReason.OnTrack), (On(WasRed(50, today), today).Light, On(WasRed(50, today), today).Reason));
        // Without the recorded red, the same 25 points are yellow.
        Assert.Equal(Light.AtRisk, On(Task(percent: 25, lastUpdate: today), today).Light);
    }

    [Fact]
    public void The_days_own_share_of_the_schedule_is_owed_only_after_the_day()
    {
        // A 10-day task at 0 % on its first day owes nothing yet; on the third day it owes two days' share (20 %).
        var start = new DateOnly(2024, 7, 1);
        var task = new LightInput(PlanTaskStatus.Open, start, start.AddDays(9), 0, start, []);

        Assert.Equal(0, On(task, start).BehindPoints);
        Assert.Equal((Light.AtRisk, 20), (On(task, start.AddDays(2)).Light, On(task, start.AddDays(2)).BehindPoints));
        // The deadline day itself: 90 % expected, red by the points (not yet overdue).
        var lastDay = On(task, start.AddDays(9));
        Assert.Equal((Light.Red, LightReason.FarBehindSchedule, 90), (lastDay.Light, lastDay.Reason, lastDay.BehindPoints));
    }

    [Fact]
    public void Bands_are_taken_from_configuration()
    {
        var today = new DateOnly(2024, 7, 2);
        var task = Task(percent: 38, lastUpdate: today);
        var strict = Thresholds with { YellowBehindPoints = 5, RedBehindPoints = 10 };

        Assert.Equal(Light.AtRisk, On(task, today).Light);
        Assert.Equal(Light.Red, StatusLight.Compute(task, today, strict, Calendar).Light);
    }

    [Fact]
    public void Recently_updated_task_on_pace_is_on_track()
    {
        var light = On(Task(percent: 50, lastUpdate: new DateOnly(2024, 6, 20)), new DateOnly(2024, 6, 25));

        Assert.Equal((Light.OnTrack, LightReason.OnTrack), (light.Light, light.Reason));
        Assert.Equal("🟢", light.Emoji);
    }

    [Fact]
    public void Thresholds_are_taken_from_configuration()
    {
        var strict = Thresholds with { StaleDays = 3 };
        var task = Task(percent: 50, lastUpdate: new DateOnly(2024, 6, 1));

        Assert.Equal(LightReason.Stale, StatusLight.Compute(task, new DateOnly(2024, 6, 4), strict, Calendar).Reason);
        Assert.Equal(LightReason.OnTrack, StatusLight.Compute(task, new DateOnly(2024, 6, 4), Thresholds, Calendar).Reason);
    }

    [Theory]
    [InlineData("2024-01-01", 0)] // day 1 of 366: 0.27 % rounds to 0
    [InlineData("2024-07-01", 50)] // day 183 of 366
    [InlineData("2024-12-31", 100)]
    [InlineData("2025-06-01", 100)]
    [InlineData("2023-12-01", 0)]
    public void Scheduled_progress_is_the_elapsed_share_of_the_window(string day, int expected)
    {
        var actual = ScheduledProgress.ExpectedPercent(Task(), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("2024-03-31", 30)] // a milestone's own day: its percent
    [InlineData("2024-02-15", 15)] // halfway from the start (0 %) to the milestone: 46 of 91 days
    [InlineData("2024-06-30", 40)]
    [InlineData("2024-05-15", 35)] // halfway between the two milestones
    [InlineData("2024-09-30", 70)] // halfway from the last milestone to the deadline (100 %)
    public void With_milestones_the_schedule_runs_straight_between_their_percents(string day, int expected)
    {
        var task = Task(milestones: [(new DateOnly(2024, 6, 30), 40), (new DateOnly(2024, 3, 31), 30)]);

        Assert.Equal(expected, ScheduledProgress.ExpectedPercent(task, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
