using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

public sealed class UpdateCommandTests
{
    private static readonly DateTime Now = new(2024, 6, 15, 2, 0, 0, DateTimeKind.Utc);

    private static string Text(ChatResponse response) => response.Messages[0].Text;

    [Fact]
    public async Task Progress_with_percent_and_note_updates_the_task_and_appends_history()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 60 已完成招标")).Messages);

        Assert.Contains("已记录 <b>K-01</b>:进度 60%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("备注:已完成招标", answer.Text, StringComparison.Ordinal);
        Assert.Equal(ChatHarness.OwnerA, answer.ChatId);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal(answer.TaskId, task.Id);
        Assert.Equal(60, task.ProgressPercent);
        Assert.Equal(Now, task.LastUpdateAtUtc);
        var row = Assert.Single(await chat.HistoryAsync("K-01"));
        Assert.Equal((UpdateKind.Progress, 60, "已完成招标", UpdateChannel.Command, Now), (row.Kind, row.Percent!.Value, row.Note, row.Channel, row.AtUtc));
    }

    [Fact]
    public async Task Progress_value_with_or_without_unit_counts_toward_the_target()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("5200/10000 名,进度 52%", Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 5200名")), StringComparison.Ordinal);
        Assert.Contains("6000/10000 名,进度 60%", Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 6000 第二批")), StringComparison.Ordinal);

        var task = await chat.TaskAsync("K-05");
        Assert.Equal((60, 6000m), (task.ProgressPercent, task.CurrentValue!.Value));
        Assert.Equal([5200m, 6000m], (await chat.HistoryAsync("K-05")).Select(h => h.Value!.Value));
    }

    [Fact]
    public async Task Progress_clears_a_blocker()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 土地指标未落实");

        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 30%");

        var task = await chat.TaskAsync("K-01");
        Assert.Equal(PlanTaskStatus.Open, task.Status);
        Assert.Null(task.BlockedReason);
    }

    [Fact]
    public async Task Done_asks_the_supervisors_to_close_the_task_with_the_note()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/done K-01 已验收");

        Assert.Contains("已提交 <b>K-01</b> 销号申请(进度 100%),等待督查人员确认销号", response.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("备注:已验收", response.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("已通知 1 位督查人员", response.Messages[0].Text, StringComparison.Ordinal);
        var notice = Assert.Single(response.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Contains("投资科负责人</b> 报告任务已完成,申请销号", notice.Text, StringComparison.Ordinal);
        Assert.Contains("已验收", notice.Text, StringComparison.Ordinal);
        Assert.Equal(["✅ 销号", "↩️ 退回"], notice.Buttons.SelectMany(r => r).Select(b => b.Label));
        Assert.Contains("已申请销号,正在等待督查人员确认", Text(await chat.SendAsync(ChatHarness.OwnerA, "/done K-01")), StringComparison.Ordinal);

        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.CloseRequested, 100, (DateTime?)null), (task.Status, task.ProgressPercent, task.DoneAtUtc));
        var row = Assert.Single(await chat.HistoryAsync("K-01"));
        Assert.Equal((UpdateKind.CloseOutRequested, "已验收"), (row.Kind, row.Note));
    }

    [Fact]
    public async Task Done_marks_done_with_note_where_close_outs_are_not_reviewed()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CloseOut:RequireReview"] = "false" });

        Assert.Contains("已完成 🎉", Text(await chat.SendAsync(ChatHarness.OwnerA, "/done K-01 已验收")), StringComparison.Ordinal);
        Assert.Contains("已经标记为完成", Text(await chat.SendAsync(ChatHarness.OwnerA, "/done K-01")), StringComparison.Ordinal);

        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Done, 100, Now), (task.Status, task.ProgressPercent, task.DoneAtUtc!.Value));
        var row = Assert.Single(await chat.HistoryAsync("K-01"));
        Assert.Equal((UpdateKind.Done, "已验收"), (row.Kind, row.Note));
    }

    [Fact]
    public async Task Blocked_turns_the_light_yellow_and_tells_the_supervisors()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 土地指标未落实");

        Assert.Contains("已通知 1 位督查人员", response.Messages[0].Text, StringComparison.Ordinal);
        var notice = Assert.Single(response.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Contains("投资科负责人", notice.Text, StringComparison.Ordinal);
        Assert.Contains("🟡 <b>K-01</b>", notice.Text, StringComparison.Ordinal);
        Assert.Contains("原因:土地指标未落实", notice.Text, StringComparison.Ordinal);
        Assert.NotNull(notice.RecipientMemberId);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Blocked, "土地指标未落实"), (task.Status, task.BlockedReason));
        await using var db = chat.Db();
        Assert.Equal(2, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task Unreachable_supervisors_are_skipped_and_the_owner_is_told()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            var supervisor = await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.Supervisor)));
            supervisor.Reachable = false;
            await db.SaveChangesAsync();
        }

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 缺资金");

        var only = Assert.Single(response.Messages);
        Assert.Contains("已通知 0 位督查人员;1 位尚未加入或无法送达", only.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_files_a_pending_request_with_approve_and_refuse_buttons_for_supervisors()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-03-31 拆迁未完成");

        Assert.Contains("2024-12-31 → 2025-03-31", response.Messages[0].Text, StringComparison.Ordinal);
        var toSupervisor = Assert.Single(response.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Equal(["✅ 批准", "❌ 驳回"], toSupervisor.Buttons.SelectMany(r => r).Select(b => b.Label));
        await using var db = chat.Db();
        var request = await db.ExtensionRequests.SingleAsync();
        Assert.Equal((ExtensionStatus.Pending, new DateOnly(2025, 3, 31), "拆迁未完成"), (request.Status, request.RequestedDeadline, request.Reason));
        Assert.Equal(new DateOnly(2024, 12, 31), (await chat.TaskAsync("K-01")).Deadline);
        Assert.Equal(UpdateKind.ExtensionRequested, Assert.Single(await chat.HistoryAsync("K-01")).Kind);

        Assert.Contains("已有一项待审批的延期申请", Text(await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-04-30 再延")), StringComparison.Ordinal);
        Assert.Equal(1, await db.ExtensionRequests.CountAsync());
    }

    [Theory]
    [InlineData("/progress", "请填写任务编号", "用法:/progress")]
    [InlineData("/progress K-99 50", "没有编号为 K-99 的任务", "用法:/progress")]
    [InlineData("/progress K-01", "请填写进度", "用法:/progress")]
    [InlineData("/progress K-01 150", "百分比须在 0–100 之间(您写的是 150)", "用法:/progress")]
    [InlineData("/progress K-01 150%", "百分比须在 0–100 之间", "用法:/progress")]
    [InlineData("/progress K-01 -5", "进度不能是负数", "用法:/progress")]
    [InlineData("/progress K-01 很多", "请填写进度数字", "用法:/progress")]
    [InlineData("/progress K-05 -100名", "进度不能是负数", "用法:/progress")]
    [InlineData("/done K-77", "没有编号为 K-77 的任务", "用法:/done")]
    [InlineData("/blocked K-01", "请填写原因", "用法:/blocked")]
    [InlineData("/extend K-01", "请填写新的日期", "用法:/extend")]
    [InlineData("/extend K-01 2025/03/31 理由", "不是有效日期,请按 YYYY-MM-DD 格式", "用法:/extend")]
    [InlineData("/extend K-01 明年 理由", "“明年”不是有效日期", "用法:/extend")]
    [InlineData("/extend K-01 2024-06-01 理由", "2024-06-01 已经过去", "用法:/extend")]
    [InlineData("/extend K-01 2024-12-01 理由", "不晚于当前截止日期 2024-12-31", "用法:/extend")]
    [InlineData("/extend K-01 2025-03-31", "请填写原因", "用法:/extend")]
    [InlineData("/pause 明天", "不是有效日期", "用法:/pause")]
    [InlineData("/report 2024-13", "不是有效月份", "用法:/report")]
    public async Task Bad_input_gets_a_clear_answer_with_usage_and_changes_nothing(string command, string problem, string usage)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.Admin, command));

        Assert.Contains(problem, answer, StringComparison.Ordinal);
        Assert.Contains(usage, answer, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Theory]
    [InlineData("/progress K-01 60 ")]
    [InlineData("/done K-01 ")]
    [InlineData("/blocked K-01 ")]
    [InlineData("/extend K-01 2025-03-31 ")]
    public async Task Notes_over_1000_characters_are_refused_with_the_limit(string command)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, command + new string('长', 5000)));

        Assert.Contains("备注最多 1000 字(您写了 5000 字)", answer, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Theory]
    [InlineData("/progress H-01 50")]
    [InlineData("/done H-01")]
    [InlineData("/blocked H-01 不关我事")]
    [InlineData("/extend H-01 2025-01-31 想延")]
    public async Task Owner_cannot_update_someone_elses_task_by_command(string command)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, command)).Messages);

        Assert.Contains("H-01 不是您负责的任务", answer.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Co_owner_may_update_and_admin_may_update_any_task()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            var h01 = await db.Tasks.SingleAsync(t => t.Code == "H-01");
            var ownerA = await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerA)));
            db.TaskCoOwners.Add(new TaskCoOwner { TaskId = h01.Id, MemberId = ownerA.Id });
            await db.SaveChangesAsync();
        }

        await chat.SendAsync(ChatHarness.OwnerA, "/progress H-01 20");
        await chat.SendAsync(ChatHarness.Admin, "/progress D-01 10 管理员代报");

        Assert.Equal(20, (await chat.TaskAsync("H-01")).ProgressPercent);
        Assert.Equal(10, (await chat.TaskAsync("D-01")).ProgressPercent);
    }

    [Fact]
    public async Task Supervisor_without_owner_role_cannot_use_update_commands()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        Assert.Contains("/progress 仅限责任人 / 管理员使用", Text(await chat.SendAsync(ChatHarness.Supervisor, "/progress K-01 50")), StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Pause_sets_and_clears_the_date_and_tells_supervisors()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var paused = await chat.SendAsync(ChatHarness.OwnerA, "/pause 2024-07-01");
        Assert.Contains("提醒已暂停至 2024-07-01", paused.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(paused.Messages, m => m.ChatId == ChatHarness.Supervisor && m.Text.Contains("投资科负责人 暂停提醒至 2024-07-01", StringComparison.Ordinal));
        await using (var db = chat.Db())
        {
            Assert.Equal(new DateOnly(2024, 7, 1), (await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerA)))).PausedUntil);
        }

        Assert.Contains("提醒已恢复", Text(await chat.SendAsync(ChatHarness.OwnerA, "/pause off")), StringComparison.Ordinal);
        await using var check = chat.Db();
        Assert.Null((await check.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerA)))).PausedUntil);
    }

    [Fact]
    public async Task Pause_with_a_past_date_is_refused_and_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/pause 2024-07-01");
        var before = await chat.SnapshotAsync();

        var refused = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/pause 2024-01-01")).Messages);

        Assert.Contains("2024-01-01 已经过去", refused.Text, StringComparison.Ordinal);
        Assert.Contains("用法:/pause", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
        await using var db = chat.Db();
        Assert.Equal(new DateOnly(2024, 7, 1), (await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerA)))).PausedUntil);
    }

    [Fact]
    public async Task Pause_until_today_is_taken()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("提醒已暂停至 2024-06-15", Text(await chat.SendAsync(ChatHarness.OwnerA, "/pause 2024-06-15")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_off_when_not_paused_says_so_and_notifies_nobody()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/pause off")).Messages);

        Assert.Equal(ChatHarness.OwnerA, answer.ChatId);
        Assert.Contains("提醒未暂停", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("提醒已恢复", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_and_unsubscribe_a_group_chat()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("将接收督查简报", Text(await chat.SendAsync(ChatHarness.Supervisor, "/subscribe@PlanBotTest", groupChatId: -200)), StringComparison.Ordinal);
        Assert.Contains("已订阅", Text(await chat.SendAsync(ChatHarness.Supervisor, "/subscribe", groupChatId: -200)), StringComparison.Ordinal);
        await using (var db = chat.Db())
        {
            Assert.Equal(-200, (await db.ChatSubscriptions.SingleAsync()).ChatId);
        }

        Assert.Contains("仅限督查人员", Text(await chat.SendAsync(ChatHarness.OwnerA, "/unsubscribe", groupChatId: -200)), StringComparison.Ordinal);
        Assert.Contains("不再接收", Text(await chat.SendAsync(ChatHarness.Supervisor, "/unsubscribe", groupChatId: -200)), StringComparison.Ordinal);
        await using var check = chat.Db();
        Assert.Equal(0, await check.ChatSubscriptions.CountAsync());
    }

    [Fact]
    public async Task Bidi_and_invisible_characters_never_reach_a_note_or_a_reason()
    {
        await using var chat = await ChatHarness.CreateAsync();

        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 60 \u202E已完成招标\u200B");
        await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 \u2067土地\u2069指标\u2060未落实\u200F");
        await chat.SendAsync(ChatHarness.OwnerA, "/extend K-05 2025-03-31 \u202D拆迁\uFEFF未完成");
        // A reason of nothing but controls is no reason.
        var empty = await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-05 \u202E\u200B");

        var task = await chat.TaskAsync("K-01");
        Assert.Equal("土地指标未落实", task.BlockedReason);
        Assert.Equal(["已完成招标", "土地指标未落实"], (await chat.HistoryAsync("K-01")).Select(h => h.Note));
        await using var db = chat.Db();
        Assert.Equal("拆迁未完成", (await db.ExtensionRequests.SingleAsync()).Reason);
        Assert.NotEqual(PlanTaskStatus.Blocked, (await chat.TaskAsync("K-05")).Status);
        Assert.DoesNotContain(empty.Messages, m => m.Text.Contains('\u202E', StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_example_in_a_refused_date_is_a_date_the_command_accepts()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var extend = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 明年 审批延后")).Messages).Text;
        var pause = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/pause 明天")).Messages).Text;

        // K-01 is due 2024-12-31: the example is the end of the month after it. Today is 2024-06-15: a week on.
        Assert.Contains("例如 2025-01-31", extend, StringComparison.Ordinal);
        Assert.Contains("例如 2024-06-22", pause, StringComparison.Ordinal);
        Assert.Contains("延期申请:2024-12-31 → 2025-01-31", Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-01-31 审批延后")).Messages, m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
        Assert.Contains("2024-06-22", Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/pause 2024-06-22")).Messages, m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
    }
}
