using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;

namespace PlanBot.Tests.EndToEnd;

/// <summary>Each command of PRODUCT.md through the running bot, with what the member receives.</summary>
public sealed class CommandsEndToEndTests
{
    [Fact]
    public async Task Reading_commands_answer_the_member_and_lang_en_switches_to_English()
    {
        await using var world = await BureauBot.StartAsync();
        const long me = BureauBot.OwnerA;

        var help = await world.SayAsync(me, "/help");
        Assert.Contains("可用命令", help.Text, StringComparison.Ordinal);
        Assert.Contains("/progress", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/invite", help.Text, StringComparison.Ordinal); // admins only

        var my = await world.SayAsync(me, "/my");
        Assert.Contains("我的任务", my.Text, StringComparison.Ordinal);
        Assert.Contains("K-01", my.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("H-01", my.Text, StringComparison.Ordinal); // 产业科's task

        var lists = await world.SayAsync(me, "/lists");
        Assert.Contains("重点工作", lists.Text, StringComparison.Ordinal);
        Assert.Contains("难点工作", lists.Text, StringComparison.Ordinal);

        var key = await world.SayAsync(me, "/list 重点");
        Assert.Contains("K-01", key.Text, StringComparison.Ordinal);
        Assert.Contains("K-05", key.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("D-01", key.Text, StringComparison.Ordinal);

        var card = await world.SayAsync(me, "/task K-05");
        Assert.Contains("新增技能人才", card.Text, StringComparison.Ordinal);
        Assert.Contains("10000", card.Text, StringComparison.Ordinal);
        Assert.Contains("2024-12-31", card.Text, StringComparison.Ordinal);
        Assert.Equal(["25%", "50%", "75%", "✅ 完成", "⚠️ 遇到困难", "⏰ 申请延期"], card.ButtonLabels);

        var whoami = await world.SayAsync(me, "/whoami");
        Assert.Contains("投资科负责人", whoami.Text, StringComparison.Ordinal);
        Assert.Contains("责任人", whoami.Text, StringComparison.Ordinal);

        Assert.Contains("Language set to English", (await world.SayAsync(me, "/lang en")).Text, StringComparison.Ordinal);
        var english = await world.SayAsync(me, "/help");
        Assert.Contains("Your commands", english.Text, StringComparison.Ordinal);
        Assert.Equal(Languages.English, (await world.MemberAsync(me)).Language);
    }

    [Fact]
    public async Task Supervisor_commands_overdue_subscribe_unsubscribe_and_pause()
    {
        const long group = -1003;
        await using var world = await BureauBot.StartAsync();

        var overdue = await world.SayAsync(BureauBot.Supervisor, "/overdue");
        Assert.Contains("红灯任务", overdue.Text, StringComparison.Ordinal);
        Assert.Contains("D-01", overdue.Text, StringComparison.Ordinal); // deadline 2024-05-31
        Assert.DoesNotContain("K-01", overdue.Text, StringComparison.Ordinal);

        Assert.Contains("本聊天将接收", (await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: group)).Text, StringComparison.Ordinal);
        await using (var db = world.Bot.CreateDbContext())
        {
            Assert.True(await db.ChatSubscriptions.AnyAsync(s => s.ChatId == group));
        }

        Assert.Contains("不再接收", (await world.SayAsync(BureauBot.Supervisor, "/unsubscribe", chatId: group)).Text, StringComparison.Ordinal);
        await using (var db = world.Bot.CreateDbContext())
        {
            Assert.False(await db.ChatSubscriptions.AnyAsync(s => s.ChatId == group));
        }

        var paused = await world.SayAsync(BureauBot.OwnerB, "/pause 2024-07-01");
        Assert.Contains("提醒已暂停至 2024-07-01", paused.Text, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 7, 1), (await world.MemberAsync(BureauBot.OwnerB)).PausedUntil);
    }

    [Fact]
    public async Task Owner_commands_progress_done_and_blocked_change_the_task_and_tell_the_supervisor()
    {
        await using var world = await BureauBot.StartAsync();

        var progress = await world.SayAsync(BureauBot.OwnerA, "/progress K-01 30 已完成调研");
        Assert.Contains("已记录 <b>K-01</b>:进度 30%", progress.Text, StringComparison.Ordinal);
        Assert.Equal(30, (await world.TaskAsync("K-01")).ProgressPercent);
        Assert.Equal("已完成调研", (await world.HistoryAsync("K-01")).Last().Note);

        var supervisorBefore = world.MessagesTo(BureauBot.Supervisor).Count;
        var done = await world.SayAsync(BureauBot.OwnerA, "/done K-05 全部完成");
        Assert.Contains("已提交 <b>K-05</b> 销号申请", done.Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.CloseRequested, (await world.TaskAsync("K-05")).Status);
        var request = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore);
        Assert.Contains("全部完成", request.Text, StringComparison.Ordinal);
        var ownerBefore = world.MessagesTo(BureauBot.OwnerA).Count;
        Assert.Equal("已销号", (await world.PressAsync(BureauBot.Supervisor, request, "✅ 销号")).Text);
        Assert.Equal(PlanTaskStatus.Done, (await world.TaskAsync("K-05")).Status);
        Assert.Contains("已由 分管副局长 销号", (await world.NextMessageAsync(BureauBot.OwnerA, ownerBefore)).Text, StringComparison.Ordinal);

        supervisorBefore = world.MessagesTo(BureauBot.Supervisor).Count;
        var blocked = await world.SayAsync(BureauBot.OwnerB, "/blocked H-01 资金未到位");
        Assert.Contains("遇到困难", blocked.Text, StringComparison.Ordinal);
        var notice = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore);
        Assert.Contains("H-01", notice.Text, StringComparison.Ordinal);
        Assert.Contains("资金未到位", notice.Text, StringComparison.Ordinal);
        Assert.Equal("资金未到位", (await world.TaskAsync("H-01")).BlockedReason);
    }

    [Fact]
    public async Task A_close_out_sent_back_with_a_reason_reaches_the_owner_and_the_next_request_is_closed_out()
    {
        await using var world = await BureauBot.StartAsync();
        var supervisorBefore = world.MessagesTo(BureauBot.Supervisor).Count;
        var asked = await world.SayAsync(BureauBot.OwnerA, "/done K-01 已竣工");
        Assert.Contains("等待督查人员确认销号", asked.Text, StringComparison.Ordinal);
        var request = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore);
        Assert.Equal(["✅ 销号", "↩️ 退回"], request.ButtonLabels);

        Assert.Equal("请回复退回原因", (await world.PressAsync(BureauBot.Supervisor, request, "↩️ 退回")).Text);
        var question = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore + 1);
        var ownerBefore = world.MessagesTo(BureauBot.OwnerA).Count;
        var answer = await world.ReplyAsync(BureauBot.Supervisor, question, "验收材料不全");

        Assert.Contains("已退回 <b>K-01</b> 的销号申请,原因:验收材料不全", answer.Text, StringComparison.Ordinal);
        var told = await world.NextMessageAsync(BureauBot.OwnerA, ownerBefore);
        Assert.Contains("原因:验收材料不全", told.Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Open, (await world.TaskAsync("K-01")).Status);

        supervisorBefore = world.MessagesTo(BureauBot.Supervisor).Count;
        await world.SayAsync(BureauBot.OwnerA, "/done K-01 材料已补齐");
        var again = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore);
        Assert.Equal("已销号", (await world.PressAsync(BureauBot.Supervisor, again, "✅ 销号")).Text);
        Assert.Equal(PlanTaskStatus.Done, (await world.TaskAsync("K-01")).Status);
        // The first request's button is stale now: it is told what became of it and decides nothing.
        Assert.Equal("该申请已处理", (await world.PressAsync(BureauBot.Supervisor, request, "✅ 销号")).Text);
        Assert.Equal(
            [UpdateKind.CloseOutRequested, UpdateKind.CloseOutReturned, UpdateKind.CloseOutRequested, UpdateKind.ClosedOut],
            (await world.HistoryAsync("K-01")).Select(h => h.Kind));
    }

    [Fact]
    public async Task Extension_goes_to_the_supervisor_whose_approve_button_moves_the_deadline_and_keeps_the_original()
    {
        await using var world = await BureauBot.StartAsync();
        var supervisorBefore = world.MessagesTo(BureauBot.Supervisor).Count;

        var asked = await world.SayAsync(BureauBot.OwnerA, "/extend K-01 2025-03-31 拆迁协议未签");
        Assert.Contains("延期申请", asked.Text, StringComparison.Ordinal);
        var request = await world.NextMessageAsync(BureauBot.Supervisor, supervisorBefore);
        Assert.Contains("拆迁协议未签", request.Text, StringComparison.Ordinal);
        Assert.Equal(["✅ 批准", "❌ 驳回"], request.ButtonLabels);

        var ownerBefore = world.MessagesTo(BureauBot.OwnerA).Count;
        var toast = await world.PressAsync(BureauBot.Supervisor, request, "✅ 批准");

        Assert.Equal("已批准", toast.Text);
        var task = await world.TaskAsync("K-01");
        Assert.Equal(new DateOnly(2025, 3, 31), task.Deadline);
        Assert.Equal(new DateOnly(2024, 12, 31), task.OriginalDeadline);
        var told = await world.NextMessageAsync(BureauBot.OwnerA, ownerBefore);
        Assert.Contains("2025-03-31", told.Text, StringComparison.Ordinal);
        var card = await world.SayAsync(BureauBot.OwnerA, "/task K-01");
        Assert.Contains("截止:2025-03-31(原定 2024-12-31)", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_invite_command_makes_a_link_for_the_running_bot()
    {
        await using var world = await BureauBot.StartAsync();

        var made = await world.SayAsync(BureauBot.Admin, "/invite 服务业科负责人");

        Assert.Contains("https://t.me/planbot_test_bot?start=", made.Text, StringComparison.Ordinal);
        var refused = await world.SayAsync(BureauBot.OwnerA, "/invite 服务业科负责人");
        Assert.Contains("仅限", refused.Text, StringComparison.Ordinal);
        await using var db = world.Bot.CreateDbContext();
        Assert.Equal(1, await db.Invites.CountAsync());
    }
}
