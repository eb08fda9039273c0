using PlanBot.Plans;
using PlanBot.Scheduling;

namespace PlanBot.Tests.Scheduling;

/// <summary>The reminder rules on plain objects: no database, no clock, no texts.</summary>
public sealed class ReminderPlannerTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly ReminderOptions _options = new();
    private readonly Dictionary<int, Member> _members = [];
    private readonly List<PlanTask> _tasks = [];
    private readonly List<SentReminder> _earlier = [];

    private ReminderPlanner Planner => new(_options, new LightThresholds(), SchedulingWorld.Calendar, China);

    private static DateOnly Day(string date) => SchedulingWorld.Day(date);

    private Member Member(string name, MemberRoles roles = MemberRoles.Owner, bool linked = true)
    {
        var id = _members.Count + 1;
        var member = new Member { Id = id, Name = name, Roles = roles, ChatId = linked ? 1000 + id : null };
        _members[id] = member;
        return member;
    }

    private PlanTask Task(string code, string deadline, Member? owner, string start = "2024-01-01", string? lastUpdate = null, int percent = 0)
    {
        var task = new PlanTask
        {
            Id = _tasks.Count + 1,
            Code = code,
            Title = "任务" + code,
            OwnerId = owner?.Id,
            StartDate = Day(start),
            Deadline = Day(deadline),
            ProgressPercent = percent,
            LastUpdateAtUtc = lastUpdate is null ? null : SchedulingWorld.At(lastUpdate).UtcDateTime,
        };
        _tasks.Add(task);
        return task;
    }

    private void Sent(string date, Member member, PlanTask task, ReminderKind kind, int days) => _earlier.Add(new SentReminder
    {
        Key = kind == ReminderKind.Escalation
            ? SentReminder.EscalationKey(Day(date), member.Id, task.Id)
            : SentReminder.OwnerKey(Day(date), member.Id, task.Id),
        Date = Day(date),
        MemberId = member.Id,
        TaskId = task.Id,
        Kind = kind,
        Days = days,
    });

    /// <summary>The plan of a scan on <paramref name="today"/>, the previous scan having run on <paramref name="lastScan"/>.</summary>
    private ReminderPlan Plan(string today, string? lastScan = null) =>
        Planner.Plan(new ReminderPlanInput(Day(today), lastScan is null ? null : Day(lastScan), _tasks, _members, _earlier));

    /// <summary>Plans every day from <paramref name="from"/> to <paramref name="to"/>, each scan following the one before.</summary>
    private Dictionary<DateOnly, ReminderPlan> PlanEveryDay(string from, string to)
    {
        var plans = new Dictionary<DateOnly, ReminderPlan>();
        for (var day = Day(from); day <= Day(to); day = day.AddDays(1))
        {
            var plan = Planner.Plan(new ReminderPlanInput(day, day.AddDays(-1), _tasks, _members, _earlier));
            if (plan.Owners.Count > 0 || plan.Supervisors.Count > 0)
            {
                plans[day] = plan;
            }
        }

        return plans;
    }

    [Fact]
    public void Deadline_is_reminded_7_3_1_and_0_days_before_and_on_no_other_day()
    {
        _options.WorkingDaysOnly = false;
        var owner = Member("投资科负责人");
        Task("K-01", "2024-11-29", owner, start: "2024-11-01", lastUpdate: "2024-11-16 10:00");

        var plans = PlanEveryDay("2024-11-15", "2024-11-29");

        Assert.Equal([Day("2024-11-22"), Day("2024-11-26"), Day("2024-11-28"), Day("2024-11-29")], plans.Keys.Order());
        var lines = plans.Values.Select(p => Assert.Single(Assert.Single(p.Owners).Lines)).ToList();
        Assert.All(lines, l => Assert.Equal(ReminderKind.DeadlineSoon, l.Kind));
        Assert.Equal([7, 3, 1, 0], lines.Select(l => l.Days));
    }

    [Fact]
    public void A_task_awaiting_close_out_is_neither_reminded_nor_escalated_until_it_is_sent_back()
    {
        _options.WorkingDaysOnly = false;
        var owner = Member("投资科负责人");
        Member("分管副局长", MemberRoles.Supervisor);
        var waiting = Task("K-01", "2024-11-29", owner, start: "2024-11-01", lastUpdate: "2024-11-16 10:00");
        waiting.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, SchedulingWorld.At("2024-11-16 10:00").UtcDateTime);
        Task("K-02", "2024-11-29", owner, start: "2024-11-01", lastUpdate: "2024-11-16 10:00");

        var plans = PlanEveryDay("2024-11-15", "2024-12-31");

        Assert.DoesNotContain(plans.Values.SelectMany(p => p.Owners.Concat(p.Supervisors)).SelectMany(m => m.Lines), l => l.Task.Code == "K-01");
        Assert.Contains(plans.Values.SelectMany(p => p.Supervisors).SelectMany(m => m.Lines), l => l.Task.Code == "K-02");

        waiting.ReturnCloseOut("未验收", null, UpdateChannel.Cli, SchedulingWorld.At("2024-12-02 10:00").UtcDateTime);
        Assert.Contains(Plan("2024-12-03").Owners.SelectMany(m => m.Lines), l => l.Task.Code == "K-01" && l.Kind == ReminderKind.Overdue);
    }

    [Fact]
    public void A_reminder_day_on_a_weekend_is_owed_to_the_next_working_day_scan()
    {
        var owner = Member("产业科负责人");
        // 3 days before Wednesday 2024-12-04 is Sunday 12-01.
        Task("K-02", "2024-12-04", owner, start: "2024-11-20");

        var monday = Assert.Single(Assert.Single(Plan("2024-12-02", lastScan: "2024-11-29").Owners).Lines);

        Assert.Equal((ReminderKind.DeadlineSoon, 2), (monday.Kind, monday.Days));
        Assert.Equal(1, Assert.Single(Assert.Single(Plan("2024-12-03", lastScan: "2024-12-02").Owners).Lines).Days);
        Assert.Empty(Plan("2024-11-29", lastScan: "2024-11-28").Owners);
    }

    [Fact]
    public void An_unreached_milestone_is_reminded_before_its_date_and_a_reached_one_is_not()
    {
        _options.WorkingDaysOnly = false;
        var owner = Member("综合科负责人");
        var behind = Task("K-04", "2024-12-31", owner, start: "2024-11-01", lastUpdate: "2024-11-07 10:00", percent: 20);
        behind.Milestones.Add(new Milestone { Date = Day("2024-11-15"), Title = "完成招标", ExpectedPercent = 50 });
        var ahead = Task("K-05", "2024-12-31", owner, start: "2024-11-01", lastUpdate: "2024-11-07 10:00", percent: 60);
        ahead.Milestones.Add(new Milestone { Date = Day("2024-11-15"), Title = "完成设计", ExpectedPercent = 50 });

        var plans = PlanEveryDay("2024-11-07", "2024-11-15");

        Assert.Equal([Day("2024-11-08"), Day("2024-11-12"), Day("2024-11-14"), Day("2024-11-15")], plans.Keys.Order());
        var lines = plans.Values.Select(p => Assert.Single(Assert.Single(p.Owners).Lines)).ToList();
        Assert.All(lines, l => Assert.Same(behind, l.Task));
        Assert.All(lines, l => Assert.Equal((ReminderKind.MilestoneSoon, "完成招标"), (l.Kind, l.Milestone?.Title)));
        Assert.Equal([7, 3, 1, 0], lines.Select(l => l.Days));
    }

    [Fact]
    public void An_overdue_task_is_reminded_every_working_day_with_its_working_days_overdue()
    {
        var owner = Member("资环科负责人");
        Task("D-01", "2024-10-08", owner, start: "2024-09-01", lastUpdate: "2024-10-08 10:00");

        // 10-12 is a make-up working Saturday; Sunday 10-13 does not count.
        foreach (var (day, overdue) in new[] { ("2024-10-09", 1), ("2024-10-10", 2), ("2024-10-12", 4), ("2024-10-14", 5) })
        {
            var line = Assert.Single(Assert.Single(Plan(day).Owners).Lines);
            Assert.Equal((ReminderKind.Overdue, overdue), (line.Kind, line.Days));
            Sent(day, owner, line.Task, line.Kind, line.Days);
        }
    }

    [Fact]
    public void With_daily_overdue_reminders_off_an_overdue_task_is_reminded_once_per_spell()
    {
        _options.OverdueEveryWorkingDay = false;
        var owner = Member("资环科负责人");
        var task = Task("D-01", "2024-10-08", owner, start: "2024-09-01", lastUpdate: "2024-10-08 10:00");

        Assert.Equal(ReminderKind.Overdue, Assert.Single(Assert.Single(Plan("2024-10-09").Owners).Lines).Kind);
        Sent("2024-10-09", owner, task, ReminderKind.Overdue, 1);

        Assert.Empty(Plan("2024-10-10").Owners);
    }

    [Fact]
    public void A_quiet_task_gets_a_check_in_after_14_days_and_again_only_after_14_more()
    {
        var owner = Member("服务业科负责人");
        var task = Task("H-01", "2025-06-30", owner, start: "2024-10-01");

        Assert.Empty(Plan("2024-10-14").Owners);
        var first = Assert.Single(Assert.Single(Plan("2024-10-15").Owners).Lines);
        Assert.Equal((ReminderKind.CheckIn, 14), (first.Kind, first.Days));
        Sent("2024-10-15", owner, task, ReminderKind.CheckIn, 14);

        Assert.Empty(Plan("2024-10-16").Owners);
        Assert.Empty(Plan("2024-10-28").Owners);
        var second = Assert.Single(Assert.Single(Plan("2024-10-29").Owners).Lines);
        Assert.Equal((ReminderKind.CheckIn, 28), (second.Kind, second.Days));
    }

    [Fact]
    public void An_update_restarts_the_quiet_days_and_a_task_not_yet_started_is_not_asked()
    {
        var owner = Member("服务业科负责人");
        Task("H-01", "2025-06-30", owner, start: "2024-10-01", lastUpdate: "2024-10-10 09:00");
        Task("H-02", "2025-06-30", owner, start: "2024-11-01");

        Assert.Empty(Plan("2024-10-23").Owners);
        var line = Assert.Single(Assert.Single(Plan("2024-10-24").Owners).Lines);
        Assert.Equal(("H-01", 14), (line.Task.Code, line.Days));
    }

    [Fact]
    public void Supervisors_are_escalated_to_at_3_and_7_working_days_overdue_once_per_level()
    {
        var owner = Member("投资科负责人");
        var first = Member("督查室主任", MemberRoles.Supervisor);
        var second = Member("分管领导", MemberRoles.Supervisor | MemberRoles.Owner);
        var unreachable = Member("已退群", MemberRoles.Supervisor);
        unreachable.Reachable = false;
        // Friday 2024-11-15: 3 working days overdue on Wednesday 11-20, 7 on Tuesday 11-26.
        var task = Task("K-01", "2024-11-15", owner, start: "2024-10-01", lastUpdate: "2024-11-14 10:00");

        var levels = new Dictionary<DateOnly, int>();
        for (var day = Day("2024-11-16"); day <= Day("2024-11-29"); day = day.AddDays(1))
        {
            var plan = Plan(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (plan.Supervisors.Count == 0)
            {
                continue;
            }

            Assert.Equal([first.Id, second.Id], plan.Supervisors.Select(s => s.Member.Id));
            var line = Assert.Single(plan.Supervisors[0].Lines);
            Assert.Equal(ReminderKind.Escalation, line.Kind);
            levels[day] = line.Days;
            foreach (var supervisor in plan.Supervisors)
            {
                _earlier.Add(new SentReminder
                {
                    Key = SentReminder.EscalationKey(day, supervisor.Member.Id, task.Id),
                    Date = day,
                    MemberId = supervisor.Member.Id,
                    TaskId = task.Id,
                    Kind = ReminderKind.Escalation,
                    Days = line.Days,
                });
            }
        }

        Assert.Equal(new Dictionary<DateOnly, int> { [Day("2024-11-20")] = 3, [Day("2024-11-26")] = 7 }, levels);
    }

    [Fact]
    public void A_task_overdue_again_after_a_new_deadline_is_escalated_again()
    {
        var owner = Member("投资科负责人");
        var supervisor = Member("督查室主任", MemberRoles.Supervisor);
        var task = Task("K-01", "2024-11-15", owner, start: "2024-10-01", lastUpdate: "2024-11-14 10:00");
        Sent("2024-11-20", supervisor, task, ReminderKind.Escalation, 3);
        task.Deadline = Day("2024-12-02");

        // Monday 12-02 + 3 working days = Thursday 12-05: a new spell, so level 3 again.
        Assert.Empty(Plan("2024-12-04").Supervisors);
        Assert.Equal(3, Assert.Single(Assert.Single(Plan("2024-12-05").Supervisors).Lines).Days);
    }

    [Fact]
    public void Each_person_is_planned_once_a_day_with_one_line_per_task_the_most_urgent_first()
    {
        _options.WorkingDaysOnly = false;
        var owner = Member("投资科负责人");
        var coOwner = Member("产业科负责人");
        var overdue = Task("K-01", "2024-11-10", owner, start: "2024-10-01");
        overdue.Milestones.Add(new Milestone { Date = Day("2024-11-15"), Title = "节点", ExpectedPercent = 90 });
        var soon = Task("K-02", "2024-11-15", owner, start: "2024-10-01", lastUpdate: "2024-11-10 10:00");
        soon.CoOwners.Add(new TaskCoOwner { TaskId = soon.Id, MemberId = coOwner.Id });
        var alreadyTold = Task("K-03", "2024-11-12", owner, start: "2024-10-01", lastUpdate: "2024-11-10 10:00");
        Sent("2024-11-12", owner, alreadyTold, ReminderKind.DeadlineSoon, 0);

        var plan = Plan("2024-11-12", lastScan: "2024-11-11");

        Assert.Equal([owner.Id, coOwner.Id], plan.Owners.Select(o => o.Member.Id));
        Assert.Equal(
            [("K-01", ReminderKind.Overdue, 2), ("K-02", ReminderKind.DeadlineSoon, 3)],
            plan.Owners[0].Lines.Select(l => (l.Task.Code, l.Kind, l.Days)));
        Assert.Equal("K-02", Assert.Single(plan.Owners[1].Lines).Task.Code);
        Assert.Equal(3, plan.Reminders);
    }

    [Fact]
    public void Owners_on_leave_unreachable_or_without_a_chat_hear_nothing_and_co_owners_still_do()
    {
        _options.WorkingDaysOnly = false;
        var onLeave = Member("请假中");
        onLeave.PausedUntil = Day("2024-11-22");
        var back = Member("已销假");
        back.PausedUntil = Day("2024-11-21");
        var blocked = Member("已屏蔽");
        blocked.Reachable = false;
        var unlinked = Member("未绑定", linked: false);
        var coOwner = Member("协办人");
        var task = Task("K-01", "2024-11-25", onLeave, start: "2024-10-01", lastUpdate: "2024-11-20 10:00");
        foreach (var other in new[] { back, blocked, unlinked, coOwner })
        {
            task.CoOwners.Add(new TaskCoOwner { TaskId = task.Id, MemberId = other.Id });
        }

        var plan = Plan("2024-11-22", lastScan: "2024-11-21");

        Assert.Equal([back.Id, coOwner.Id], plan.Owners.Select(o => o.Member.Id));
        Assert.All(plan.Owners, o => Assert.Equal((ReminderKind.DeadlineSoon, 3), (o.Lines[0].Kind, o.Lines[0].Days)));
    }

    [Fact]
    public void A_done_task_is_never_reminded_or_escalated()
    {
        _options.WorkingDaysOnly = false;
        var owner = Member("投资科负责人");
        Member("督查室主任", MemberRoles.Supervisor);
        Task("K-01", "2024-11-22", owner, start: "2024-10-01").Status = PlanTaskStatus.Done;
        Task("K-02", "2024-11-01", owner, start: "2024-10-01").Status = PlanTaskStatus.Done;

        var plan = Plan("2024-11-22", lastScan: "2024-11-21");

        Assert.Empty(plan.Owners);
        Assert.Empty(plan.Supervisors);
    }
}
