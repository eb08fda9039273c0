using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Supervision;
using PlanBot.Tests.Chat;

namespace PlanBot.Tests.Supervision;

/// <summary>
/// The 督办 loop through the real chat: the morning scan's light watch issues a 提示单 when a task falls behind its
/// 序时进度 and a 督办单 when it turns red, the owner signs for it and replies to it, a lapsed notice reaches the supervisor
/// in the merged escalation, and a red for being far behind stays red until the shortfall is made up.
/// </summary>
public sealed class NoticeTests
{
    [Fact]
    public async Task A_task_falling_behind_gets_a_hint_then_a_supervision_notice_which_its_owner_signs_for_and_answers()
    {
        await using var chat = await ChatHarness.CreateAsync();

        // K-01 runs 6月1日–12月31日 at 0 %. On Monday 7月1日 its 序时进度 is 14 %: more than 10 points behind, yellow.
        // The watch goes by code: D-01 (overdue since May) gets 督办 No. 1, H-01 提示 No. 1, K-01 提示 No. 2.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 7, 1, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        var hint = await NoticeAsync(chat, "K-01", NoticeKind.Hint);
        Assert.Equal(("提示〔2024〕第2号", new DateOnly(2024, 7, 4)), (hint.Title, hint.ReplyBy));
        var hintMessage = await LatestToAsync(chat, ChatHarness.OwnerA, "提示〔2024〕第2号");
        Assert.StartsWith("🟡 <b>提示单</b> 提示〔2024〕第2号\n任务:K-01 挖掘房地产潜力\n牵头单位:区发改局\n情况:落后序时进度 14 个百分点\n序时进度 14%,实际进度 0%\n请于 <b>2024年7月4日</b> 前签收", hintMessage.Text, StringComparison.Ordinal);
        Assert.Equal(["✍️ 签收", "📝 反馈"], hintMessage.Buttons().SelectMany(r => r).Select(b => b.Label));

        // Nobody signs. On Thursday 8月15日 it is 35 points behind: red, so a 督办单 (No. 3: H-01 turned red first); the
        // lapsed 提示单 reaches the supervisor.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 15, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        var notice = await NoticeAsync(chat, "K-01", NoticeKind.Supervision);
        Assert.Equal(("督办〔2024〕第3号", LightReason.FarBehindSchedule), (notice.Title, notice.Reason));
        var form = await LatestToAsync(chat, ChatHarness.OwnerA, "督办〔2024〕第3号");
        Assert.Contains("情况:严重滞后,落后序时进度 35 个百分点", form.Text, StringComparison.Ordinal);
        var escalation = await LatestToAsync(chat, ChatHarness.Supervisor, "提示〔2024〕第2号");
        Assert.Contains("提示〔2024〕第2号 · K-01 挖掘房地产潜力 · 投资科负责人 · 未签收(应于 7月4日 前)", escalation.Text, StringComparison.Ordinal);

        // 签收 with the form's button: recorded once; a second press changes nothing.
        var sign = form.Buttons()[0][0].Data;
        Assert.Equal("已签收 督办〔2024〕第3号", (await chat.PressAsync(ChatHarness.OwnerA, sign)).CallbackAnswer);
        Assert.Equal("督办〔2024〕第3号 已签收过", (await chat.PressAsync(ChatHarness.OwnerA, sign)).CallbackAnswer);
        // Someone else's press is refused.
        Assert.Contains("不是您负责的任务", (await chat.PressAsync(ChatHarness.OwnerB, sign)).CallbackAnswer, StringComparison.Ordinal);

        // 反馈 by replying to the form: recorded on the notice, a percent moves the task, the supervisor hears of it.
        var formId = await DeliverAsync(chat, form);
        var answer = await chat.SendAsync(ChatHarness.OwnerA, "20% 已完成选址,下周完成招标", replyTo: formId);
        Assert.Contains("已收到对 督办〔2024〕第3号 的反馈,已记录。", answer.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(answer.Messages, m => m.ChatId == ChatHarness.Supervisor && m.Text.Contains("督办〔2024〕第3号", StringComparison.Ordinal)
                                              && m.Text.Contains("20% 已完成选址,下周完成招标", StringComparison.Ordinal));
        notice = await NoticeAsync(chat, "K-01", NoticeKind.Supervision);
        Assert.Equal("20% 已完成选址,下周完成招标", notice.Reply);
        Assert.True(notice is { IsSigned: true, IsReplied: true });
        Assert.Equal(20, (await chat.TaskAsync("K-01")).ProgressPercent);

        // Every notice, its signing and its reply are in the task's history.
        var kinds = (await chat.HistoryAsync("K-01")).Select(h => h.Kind).Where(k => k >= UpdateKind.NoticeIssued).ToList();
        Assert.Equal([UpdateKind.NoticeIssued, UpdateKind.NoticeIssued, UpdateKind.NoticeSigned, UpdateKind.NoticeReplied], kinds);
    }

    [Fact]
    public async Task A_red_for_being_behind_stays_red_after_one_update_until_the_shortfall_is_made_up()
    {
        await using var chat = await ChatHarness.CreateAsync();
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 15, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        Assert.Equal(Light.Red, (await chat.TaskAsync("K-01")).WatchedLight);

        // 20 % is 15 points behind its 序时进度 of 35 %: yellow by the bands alone, but the recorded red stands (Ouhai's rule).
        var update = await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 20");
        Assert.Contains("🔴 <b>K-01</b>", update.Messages[0].Text, StringComparison.Ordinal);
        var card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.Contains("🔴 落后序时进度 15 个百分点(红灯待补齐差距后解除)", card, StringComparison.Ordinal);

        // Caught up with the 序时进度: no longer red; the next scan records it, and no new notice is issued.
        update = await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 35");
        Assert.Contains("🟢 <b>K-01</b>", update.Messages[0].Text, StringComparison.Ordinal);
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        Assert.Equal(Light.OnTrack, (await chat.TaskAsync("K-01")).WatchedLight);
        await using var db = chat.Db();
        Assert.Equal(1, await db.Notices.CountAsync(n => n.Task!.Code == "K-01"));
    }

    [Fact]
    public async Task Notices_can_be_turned_off()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { [NoticeOptions.Section + ":Enabled"] = "false" });
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 15, 1, 0, 0, TimeSpan.Zero));

        await chat.SendAsync(ChatHarness.Admin, "/remind");

        await using var db = chat.Db();
        Assert.Equal(0, await db.Notices.CountAsync());
        Assert.Equal(Light.Red, (await chat.TaskAsync("K-01")).WatchedLight);
    }

    private static async Task<Notice> NoticeAsync(ChatHarness chat, string code, NoticeKind kind)
    {
        await using var db = chat.Db();
        return await db.Notices.Include(n => n.Task).AsNoTracking().SingleAsync(n => n.Task!.Code == code && n.Kind == kind);
    }

    private static async Task<OutboxMessage> LatestToAsync(ChatHarness chat, long chatId, string containing)
    {
        await using var db = chat.Db();
        return (await db.Outbox.Where(o => o.ChatId == chatId).OrderByDescending(o => o.Id).ToListAsync())
            .First(o => o.Text.Contains(containing, StringComparison.Ordinal));
    }

    /// <summary>Plays the sender for one outbox row: gives it a Telegram message id (returned) and records it as sent.</summary>
    private static async Task<long> DeliverAsync(ChatHarness chat, OutboxMessage row)
    {
        await using var db = chat.Db();
        var tracked = await db.Outbox.SingleAsync(o => o.Id == row.Id);
        tracked.TelegramMessageId = 500 + tracked.Id;
        tracked.State = OutboxState.Sent;
        db.SentMessages.Add(SentMessage.Of(tracked, tracked.TelegramMessageId.Value));
        await db.SaveChangesAsync();
        return tracked.TelegramMessageId.Value;
    }
}
