using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Scheduling;

namespace PlanBot.Tests.Scheduling;

public sealed class ReminderScannerTests
{
    /// <summary>Scans at 09:00 on every working day from <paramref name="from"/> to <paramref name="to"/>, as the job does.</summary>
    private static async Task<Dictionary<DateOnly, List<OutboxMessage>>> ScanWorkingDaysAsync(SchedulingWorld world, string from, string to)
    {
        var sent = new Dictionary<DateOnly, List<OutboxMessage>>();
        for (var day = SchedulingWorld.Day(from); day <= SchedulingWorld.Day(to); day = day.AddDays(1))
        {
            if (!SchedulingWorld.Calendar.IsWorkingDay(day))
            {
                continue;
            }

            var before = (await world.OutboxAsync()).Count;
            world.SetNow($"{day:yyyy-MM-dd} 09:00");
            await world.ScanAsync();
            var messages = (await world.OutboxAsync()).Skip(before).ToList();
            if (messages.Count > 0)
            {
                sent[day] = messages;
            }
        }

        return sent;
    }

    [Fact]
    public async Task Owner_is_reminded_7_3_1_and_0_days_before_the_deadline_and_on_no_other_day()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-18 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        await world.TaskAsync("K-01", "2024-11-29", owner, start: "2024-11-01", lastUpdate: "2024-11-16 10:00");

        var sent = await ScanWorkingDaysAsync(world, "2024-11-18", "2024-11-29");

        Assert.Equal(
            [SchedulingWorld.Day("2024-11-22"), SchedulingWorld.Day("2024-11-26"), SchedulingWorld.Day("2024-11-28"), SchedulingWorld.Day("2024-11-29")],
            sent.Keys.Order());
        Assert.All(sent.Values, messages => Assert.Single(messages));
        Assert.Contains("7 天后截止", sent[SchedulingWorld.Day("2024-11-22")][0].Text, StringComparison.Ordinal);
        Assert.Contains("今天截止", sent[SchedulingWorld.Day("2024-11-29")][0].Text, StringComparison.Ordinal);
        Assert.All(sent.Values, m => Assert.Equal(owner.ChatId, m[0].ChatId));
    }

    [Fact]
    public async Task A_reminder_day_on_a_weekend_is_sent_on_the_next_working_day()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-25 09:00");
        var owner = await world.MemberAsync("产业科负责人");
        // 3 days before 2024-12-04 is Sunday 12-01.
        await world.TaskAsync("K-02", "2024-12-04", owner, start: "2024-11-20");

        var sent = await ScanWorkingDaysAsync(world, "2024-11-25", "2024-12-04");

        Assert.Equal(
            [SchedulingWorld.Day("2024-11-27"), SchedulingWorld.Day("2024-12-02"), SchedulingWorld.Day("2024-12-03"), SchedulingWorld.Day("2024-12-04")],
            sent.Keys.Order());
        Assert.Contains("2 天后截止", sent[SchedulingWorld.Day("2024-12-02")][0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_due_during_National_Day_arrive_once_on_the_first_working_day_after_it()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-09-27 09:00");
        var owner = await world.MemberAsync("服务业科负责人");
        // 7 and 3 days before 10-10 are 10-03 and 10-07, both holidays.
        await world.TaskAsync("K-03", "2024-10-10", owner, start: "2024-09-20");

        var sent = await ScanWorkingDaysAsync(world, "2024-09-27", "2024-10-10");

        Assert.Equal(
            [SchedulingWorld.Day("2024-10-08"), SchedulingWorld.Day("2024-10-09"), SchedulingWorld.Day("2024-10-10")],
            sent.Keys.Order());
        Assert.Single(sent[SchedulingWorld.Day("2024-10-08")]);
    }

    [Fact]
    public async Task Milestone_not_yet_reached_is_reminded_before_its_date_and_a_reached_one_is_not()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-08 09:00");
        var owner = await world.MemberAsync("综合科负责人");
        await world.TaskAsync("K-04", "2024-12-31", owner, start: "2024-11-01", percent: 20, configure: t =>
            t.Milestones.Add(new Milestone { Date = SchedulingWorld.Day("2024-11-15"), Title = "完成招标", ExpectedPercent = 50 }));
        await world.TaskAsync("K-05", "2024-12-31", owner, start: "2024-11-01", percent: 60, configure: t =>
            t.Milestones.Add(new Milestone { Date = SchedulingWorld.Day("2024-11-15"), Title = "完成设计", ExpectedPercent = 50 }));

        var result = await world.ScanAsync();

        var message = Assert.Single(await world.OutboxAsync());
        Assert.Equal(1, result.Reminders);
        Assert.Contains("节点「完成招标」7 天后到期", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("K-05", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_task_is_reminded_every_working_day_including_a_make_up_Saturday()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-09 09:00");
        var owner = await world.MemberAsync("资环科负责人");
        await world.TaskAsync("D-01", "2024-10-08", owner, start: "2024-09-01", lastUpdate: "2024-10-08 10:00");

        var sent = await ScanWorkingDaysAsync(world, "2024-10-09", "2024-10-14");

        Assert.Equal(
            ["2024-10-09", "2024-10-10", "2024-10-11", "2024-10-12", "2024-10-14"],
            sent.Keys.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("逾期 1 个工作日(截止 10月8日)", sent[SchedulingWorld.Day("2024-10-09")][0].Text, StringComparison.Ordinal);
        Assert.Contains("逾期 5 个工作日(截止 10月8日)", sent[SchedulingWorld.Day("2024-10-14")][0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_task_gets_a_check_in_request_at_most_once_per_stale_period()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("金融科负责人");
        await world.TaskAsync("H-01", "2024-12-31", owner, start: "2024-09-01", lastUpdate: "2024-09-20 10:00");

        var sent = await ScanWorkingDaysAsync(world, "2024-10-08", "2024-10-25");

        Assert.Equal([SchedulingWorld.Day("2024-10-08"), SchedulingWorld.Day("2024-10-22")], sent.Keys.Order());
        Assert.Contains("已 18 天未更新", sent[SchedulingWorld.Day("2024-10-08")][0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_three_tasks_due_today_arrive_as_one_message_with_a_button_row_per_task()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-22 09:00");
        var owner = await world.MemberAsync("改革科负责人");
        var other = await world.MemberAsync("审批科负责人");
        var k1 = await world.TaskAsync("K-01", "2024-11-29", owner, start: "2024-11-20"); // 7 days
        var h1 = await world.TaskAsync("H-01", "2024-11-25", owner, start: "2024-11-20"); // 3 days
        var d1 = await world.TaskAsync("D-01", "2024-11-23", owner, start: "2024-11-20"); // 1 day
        var single = await world.TaskAsync("D-02", "2024-11-22", other, start: "2024-11-20"); // today

        var result = await world.ScanAsync();

        var outbox = await world.OutboxAsync();
        Assert.Equal(new ReminderScanResult(4, 2, 0, 0), result);
        var merged = Assert.Single(outbox, m => m.ChatId == owner.ChatId);
        Assert.Null(merged.TaskId);
        Assert.Contains("K-01", merged.Text, StringComparison.Ordinal);
        Assert.Contains("H-01", merged.Text, StringComparison.Ordinal);
        Assert.Contains("D-01", merged.Text, StringComparison.Ordinal);
        Assert.Equal(
            new[] { $"p:{k1.Id}:50", $"p:{h1.Id}:50", $"p:{d1.Id}:50" }.Order(StringComparer.Ordinal),
            merged.Buttons().Select(row => row[0].Data).Order(StringComparer.Ordinal));
        Assert.Equal(3, merged.Buttons().Count);
        // Light first on each task line: D-01 is due tomorrow at 0 % where its 序时进度 is 50 %, far behind, so red.
        Assert.StartsWith("🔴 <b>D-01</b>", merged.Text.Split('\n')[2], StringComparison.Ordinal);

        var alone = Assert.Single(outbox, m => m.ChatId == other.ChatId);
        Assert.Equal(single.Id, alone.TaskId);
        Assert.Equal($"p:{single.Id}:25", alone.Buttons()[0][0].Data);
    }

    [Fact]
    public async Task Second_scan_and_a_scan_after_a_restart_send_nothing_again()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-09 09:00");
        var owner = await world.MemberAsync("信用科负责人");
        await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        await world.TaskAsync("K-01", "2024-10-16", owner, start: "2024-10-01");
        await world.TaskAsync("K-02", "2024-09-26", owner, start: "2024-09-01");

        var first = await world.ScanAsync();
        var again = await world.ScanAsync();
        world.SetNow("2024-10-09 15:30");
        await using (var restarted = world.Database.CreateContext())
        {
            var afterRestart = await world.Scanner(restarted).RunAsync(CancellationToken.None);
            Assert.Equal(ReminderScanResult.Nothing, afterRestart);
        }

        Assert.Equal(2, first.Reminders);
        Assert.Equal(1, first.Escalations);
        Assert.Equal(ReminderScanResult.Nothing, again);
        Assert.Equal(2, (await world.OutboxAsync()).Count);
        await using var db = world.Database.CreateContext();
        Assert.Equal(3, await db.SentReminders.CountAsync());
    }

    [Fact]
    public async Task Scan_after_downtime_sends_reminders_whose_day_was_missed()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-20 09:00");
        var owner = await world.MemberAsync("社会发展科负责人");
        await world.TaskAsync("D-03", "2024-11-29", owner, start: "2024-11-15");
        await world.ScanAsync();

        // Down from Thursday 11-21 to Monday 11-25: the 7-days-before reminder (Friday 11-22) was missed.
        world.SetNow("2024-11-25 10:00");
        await world.ScanAsync();

        var message = Assert.Single(await world.OutboxAsync());
        Assert.Contains("4 天后截止", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_member_gets_nothing_and_supervisors_see_the_leave_in_the_escalation()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-11 09:00");
        var owner = await world.MemberAsync("区住建局联络员");
        owner.PausedUntil = SchedulingWorld.Day("2024-10-20");
        await world.Db.SaveChangesAsync();
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        // 2024-09-27 + 3 working days: 09-29 (make-up Sunday), 09-30, 10-08 … so 10-11 is past 3 and not yet 7.
        await world.TaskAsync("K-06", "2024-09-27", owner, start: "2024-09-01");

        var result = await world.ScanAsync();

        var message = Assert.Single(await world.OutboxAsync());
        Assert.Equal(supervisor.ChatId, message.ChatId);
        Assert.Equal(0, result.Reminders);
        Assert.Contains("请假至 10月20日", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_without_a_chat_or_who_blocked_the_bot_are_skipped()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-22 09:00");
        var notJoined = await world.MemberAsync("区法院联络员", linked: false);
        var blocked = await world.MemberAsync("区林水局联络员");
        blocked.Reachable = false;
        await world.Db.SaveChangesAsync();
        await world.TaskAsync("D-04", "2024-11-29", notJoined, start: "2024-11-20");
        await world.TaskAsync("D-05", "2024-11-29", blocked, start: "2024-11-20");

        Assert.Equal(ReminderScanResult.Nothing, await world.ScanAsync());
        Assert.Empty(await world.OutboxAsync());
    }

    [Fact]
    public async Task Co_owner_gets_the_reminder_too()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-22 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        var coOwner = await world.MemberAsync("区人力社保局联络员", language: Languages.English);
        var task = await world.TaskAsync("H-02", "2024-11-29", owner, start: "2024-11-20");
        world.Db.TaskCoOwners.Add(new TaskCoOwner { TaskId = task.Id, MemberId = coOwner.Id });
        await world.Db.SaveChangesAsync();

        await world.ScanAsync();

        var outbox = await world.OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.Contains("Due in 7 days", Assert.Single(outbox, m => m.ChatId == coOwner.ChatId).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_reaches_each_supervisor_once_at_3_and_at_7_working_days_merged_across_tasks()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-01 09:00");
        var owner = await world.MemberAsync("区农业农村局联络员");
        var first = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        var second = await world.MemberAsync("督查专员", MemberRoles.Supervisor);
        await world.TaskAsync("D-06", "2024-11-01", owner, start: "2024-10-01");
        await world.TaskAsync("D-07", "2024-11-01", owner, start: "2024-10-01");

        var sent = await ScanWorkingDaysAsync(world, "2024-11-01", "2024-11-15");

        var toSupervisors = sent
            .SelectMany(kv => kv.Value.Where(m => m.ChatId == first.ChatId || m.ChatId == second.ChatId).Select(m => (Day: kv.Key, m.ChatId, m.Text)))
            .ToList();
        // Overdue from Saturday 11-02; working days after 11-01: 11-04, 11-05, 11-06 (3rd) … 11-12 (7th).
        Assert.Equal(
            [(SchedulingWorld.Day("2024-11-06"), first.ChatId!.Value), (SchedulingWorld.Day("2024-11-06"), second.ChatId!.Value),
             (SchedulingWorld.Day("2024-11-12"), first.ChatId!.Value), (SchedulingWorld.Day("2024-11-12"), second.ChatId!.Value)],
            toSupervisors.Select(x => (x.Day, x.ChatId)).Order().ToList());
        Assert.All(toSupervisors, x =>
        {
            Assert.Contains("D-06", x.Text, StringComparison.Ordinal);
            Assert.Contains("D-07", x.Text, StringComparison.Ordinal);
        });
        Assert.Contains("逾期 7 个工作日(截止 11月1日)", toSupervisors.Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_daily_overdue_reminders_the_owner_is_told_once_per_overdue_spell()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-09 09:00");
        world.Reminders.OverdueEveryWorkingDay = false;
        var owner = await world.MemberAsync("资环科负责人");
        await world.TaskAsync("D-01", "2024-10-08", owner, start: "2024-09-01", lastUpdate: "2024-10-08 10:00");

        var sent = await ScanWorkingDaysAsync(world, "2024-10-09", "2024-10-18");

        Assert.Equal([SchedulingWorld.Day("2024-10-09")], sent.Keys);
    }

    [Fact]
    public async Task A_supervisors_escalations_beyond_one_screen_are_split_but_each_says_the_days_total()
    {
        await using var world = await SchedulingWorld.CreateAsync("2025-01-06 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        owner.PausedUntil = SchedulingWorld.Day("2025-01-31");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        await world.Db.SaveChangesAsync();
        for (var i = 1; i <= 25; i++)
        {
            await world.TaskAsync($"D-{i:00}", "2024-12-31", owner, start: "2024-02-01");
        }

        var result = await world.ScanAsync();

        var messages = await world.OutboxAsync();
        Assert.Equal((25, 1), (result.Escalations, result.SupervisorsAlerted));
        Assert.Equal([ReminderScanner.MaxLinesPerMessage, 25 - ReminderScanner.MaxLinesPerMessage], messages.Select(m => m.Text.Split("🔴").Length - 1));
        Assert.All(messages, m =>
        {
            Assert.Equal(supervisor.ChatId, m.ChatId);
            Assert.Contains("🚨 <b>红灯任务督办</b> · 1月6日 · 25 项", m.Text, StringComparison.Ordinal);
        });
    }
}
