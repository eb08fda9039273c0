using PlanBot.Tests.Support;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Tests.Plans;

public sealed class StatusLightTests
{
    private static readonly LightThresholds Thresholds = new() { StaleDays = 14, DueSoonDays = 30, BehindByPercent = 20 };
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly Deadline = new(2024, 12, 31);

    private static LightInput Task(
        PlanTaskStatus status = PlanTaskStatus.Open,
        int percent = 0,
        DateOnly? lastUpdate = null,
        DateOnly? deadline = null,
        params (DateOnly, int)[] milestones) =>
        new(status, Start, deadline ?? Deadline, percent, lastUpdate, milestones.Select(m => new MilestoneInput(m.Item1, m.Item2, "节点")).ToList());

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
    public void Behind_schedule_counts_only_when_due_soon_and_more_than_the_margin_behind()
    {
        // 2024-12-01: 336 of 366 days elapsed → 92 % expected; 30 days left.
        var today = new DateOnly(2024, 12, 1);
        Assert.Equal(92, StatusLight.ExpectedPercent(Start, Deadline, today));

        var behind = On(Task(percent: 71, lastUpdate: today), today);
        Assert.Equal((Light.AtRisk, LightReason.BehindSchedule), (behind.Light, behind.Reason));
        Assert.Equal(Light.OnTrack, On(Task(percent: 72, lastUpdate: today), today).Light);

        // 31 days left: just outside the due-soon window, so the same gap is not flagged yet.
        var earlier = new DateOnly(2024, 11, 30);
        Assert.Equal(Light.OnTrack, On(Task(percent: 10, lastUpdate: earlier), earlier).Light);
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
    public void Expected_percent_is_the_elapsed_share_of_the_window(string today, int expected)
    {
        var actual = StatusLight.ExpectedPercent(Start, Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, actual);
    }
}
