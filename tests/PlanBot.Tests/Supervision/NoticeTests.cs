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

        // Nobody signs by Thursday 7月4日: Friday's scan tells the supervisor, in the merged escalation message.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 7, 5, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        var escalation = await LatestToAsync(chat, ChatHarness.Supervisor, "提示〔2024〕第2号");
        Assert.Contains("提示〔2024〕第2号 · K-01 挖掘房地产潜力 · 投资科负责人 · 未签收(应于 7月4日 前)", escalation.Text, StringComparison.Ordinal);

        // On Thursday 8月15日 it is 35 points behind: red, so a 督办单 (No. 3: H-01 turned red first), which takes the
        // place of the unanswered 提示单.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 15, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        var notice = await NoticeAsync(chat, "K-01", NoticeKind.Supervision);
        Assert.Equal(("督办〔2024〕第3号", LightReason.FarBehindSchedule), (notice.Title, notice.Reason));
        Assert.Equal("已由督办〔2024〕第3号取代", (await NoticeAsync(chat, "K-01", NoticeKind.Hint)).ClosedNote);
        Assert.Contains("已结束", (await chat.PressAsync(ChatHarness.OwnerA, hintMessage.Buttons()[0][0].Data)).CallbackAnswer, StringComparison.Ordinal);
        var form = await LatestToAsync(chat, ChatHarness.OwnerA, "督办〔2024〕第3号");
        Assert.Contains("情况:严重滞后,落后序时进度 35 个百分点", form.Text, StringComparison.Ordinal);

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

        // The owner reports it finished: a request to close (申请销号) the supervisor sends back with a reason, then closes.
        var request = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/done K-01 已完成")).Messages, m => m.ChatId == ChatHarness.Supervisor);
        var asked = await chat.PressAsync(ChatHarness.Supervisor, Button(request, "↩️ 退回"));
        Assert.Equal("请回复退回原因", asked.CallbackAnswer);
        var question = await chat.DeliverLatestAsync(ChatHarness.Supervisor);
        var sentBack = await chat.SendAsync(ChatHarness.Supervisor, "缺少验收材料", replyTo: question);
        Assert.Contains("原因:缺少验收材料", Assert.Single(sentBack.Messages, m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Open, (await chat.TaskAsync("K-01")).Status);
        request = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/done K-01 验收材料已补齐")).Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Equal("已销号", (await chat.PressAsync(ChatHarness.Supervisor, Button(request, "✅ 销号"))).CallbackAnswer);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);

        // /notices: nothing waits for K-01 any more.
        Assert.DoesNotContain("K-01", (await chat.SendAsync(ChatHarness.OwnerA, "/notices")).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notices_lists_an_owners_open_notices_with_their_buttons_and_all_of_them_for_supervisors()
    {
        await using var chat = await ChatHarness.CreateAsync();
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 7, 1, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");

        var mine = (await chat.SendAsync(ChatHarness.OwnerA, "/notices")).Messages[0];
        Assert.Contains("提示〔2024〕第2号\nK-01 挖掘房地产潜力 · 投资科负责人\n未签收 · 应于 7月4日 前反馈", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("H-01", mine.Text, StringComparison.Ordinal);
        Assert.Contains(mine.Buttons.SelectMany(r => r), b => b.Label == "K-01 ✍️ 签收");
        var all = (await chat.SendAsync(ChatHarness.Supervisor, "/notices")).Messages[0];
        Assert.Contains("H-01", all.Text, StringComparison.Ordinal);
        Assert.Contains("督办〔2024〕第1号\nD-01", all.Text, StringComparison.Ordinal);
        Assert.Empty(all.Buttons);
    }

    [Fact]
    public async Task A_months_lights_are_kept_when_it_ends_and_its_report_shows_them_as_they_were()
    {
        await using var chat = await ChatHarness.CreateAsync();
        // The first scan of August keeps July's lights: K-01 was yellow (behind its 序时进度) when July ended.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 1, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        await using (var db = chat.Db())
        {
            var kept = await db.LightSnapshots.SingleAsync(s => s.Month == "2024-07" && s.TaskId == db.Tasks.Single(t => t.Code == "K-01").Id);
            Assert.Equal((Light.AtRisk, LightReason.BehindSchedule, 0, 29), (kept.Light, kept.Reason, kept.ProgressPercent, kept.ScheduledPercent));

            // Someone later rewrites K-01's schedule: a recomputation would now call July's K-01 red for a missed milestone.
            var k01 = await db.Tasks.Include(t => t.Milestones).SingleAsync(t => t.Code == "K-01");
            k01.Milestones.Add(new Milestone { Date = new DateOnly(2024, 7, 15), ExpectedPercent = 50, Title = "完成招标" });
            await db.SaveChangesAsync();
        }

        var report = (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-07")).Messages[0].Text;
        Assert.DoesNotContain("K-01", report, StringComparison.Ordinal);
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
    public async Task The_red_stays_until_made_up_also_when_a_missed_milestone_was_recorded_over_it()
    {
        await using var chat = await ChatHarness.CreateAsync();
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 15, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        Assert.Equal(new DateOnly(2024, 8, 15), (await chat.TaskAsync("K-01")).RedUntilMadeUpSince);

        // A milestone (40 % by 8月20日) is added and missed: the next scans record the red as 节点滞后.
        await using (var db = chat.Db())
        {
            var k01 = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            db.Milestones.Add(new Milestone { TaskId = k01.Id, Date = new DateOnly(2024, 8, 20), ExpectedPercent = 40, Title = "完成招标" });
            await db.SaveChangesAsync();
        }

        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 21, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        Assert.Equal(LightReason.MilestoneMissed, (await chat.TaskAsync("K-01")).WatchedReason);

        // Three days on, the schedule runs from the milestone's 40 % towards 100 % at the year's end: 41 % by 8月23日.
        // Reaching the milestone's 40 % leaves K-01 a point behind: no longer behind the milestone, but still red.
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 8, 24, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 40");
        var card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.Contains("🔴 落后序时进度 1 个百分点(红灯待补齐差距后解除)", card, StringComparison.Ordinal);
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 41");
        card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.DoesNotContain("🔴", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_light_that_turns_twice_in_a_day_gets_one_notice_and_the_days_watch_goes_on()
    {
        await using var chat = await ChatHarness.CreateAsync();
        chat.Time.SetUtcNow(new DateTimeOffset(2024, 7, 1, 1, 0, 0, TimeSpan.Zero));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        var hint = await NoticeAsync(chat, "K-01", NoticeKind.Hint);
        var form = await LatestToAsync(chat, ChatHarness.OwnerA, hint.Title);
        await chat.SendAsync(ChatHarness.OwnerA, "14% 已启动", replyTo: await DeliverAsync(chat, form));

        // Caught up (green), then behind again the same day: the watch records both, and issues no second 提示单.
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 20");
        chat.Time.Advance(TimeSpan.FromHours(1));
        await chat.SendAsync(ChatHarness.Admin, "/remind");
        Assert.Equal(Light.OnTrack, (await chat.TaskAsync("K-01")).WatchedLight);
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 0");
        chat.Time.Advance(TimeSpan.FromHours(1));
        await chat.SendAsync(ChatHarness.Admin, "/remind");

        Assert.Equal(Light.AtRisk, (await chat.TaskAsync("K-01")).WatchedLight);
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

    [Fact]
    public async Task Notices_list_on_the_cli_shows_each_notice_with_its_signing_reply_and_closing()
    {
        await using var database = await Support.TestDatabase.CreateAsync();
        var cli = new Cli.CliRunner(database);
        cli.Time.SetUtcNow(new DateTimeOffset(2024, 8, 16, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await cli.RunAsync("members", "list")).ExitCode); // seeds the plan and the roster
        await using (var db = database.CreateContext())
        {
            var task = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            var member = await db.Members.OrderBy(m => m.Id).FirstAsync();
            Notice Issued(NoticeKind kind, int number, int day) => new()
            {
                Kind = kind,
                Year = 2024,
                Number = number,
                TaskId = task.Id,
                MemberId = member.Id,
                IssuedOn = new DateOnly(2024, 8, day),
                IssuedAtUtc = new DateTime(2024, 8, day, 1, 0, 0, DateTimeKind.Utc),
                ReplyBy = new DateOnly(2024, 8, day + 3),
                Reason = LightReason.BehindSchedule,
                Situation = "落后序时进度 12 个百分点",
                ProgressPercent = 20,
                ScheduledPercent = 32,
            };
            var hint = Issued(NoticeKind.Hint, 1, 1);
            hint.Close("已由督办〔2024〕第1号取代", new DateTime(2024, 8, 15, 1, 0, 0, DateTimeKind.Utc));
            var supervision = Issued(NoticeKind.Supervision, 1, 15);
            supervision.Answer("20% 已完成选址", member.Id, new DateTime(2024, 8, 15, 3, 0, 0, DateTimeKind.Utc));
            var open = Issued(NoticeKind.Hint, 2, 16);
            db.Notices.AddRange(hint, supervision, open);
            await db.SaveChangesAsync();
        }

        var all = await cli.RunAsync("notices", "list", "--json");
        var onlyOpen = await cli.RunAsync("notices", "list", "--open");

        Assert.Equal((0, 0), (all.ExitCode, onlyOpen.ExitCode));
        using var json = System.Text.Json.JsonDocument.Parse(all.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["提示〔2024〕第2号", "督办〔2024〕第1号", "提示〔2024〕第1号"], rows.Select(r => r.GetProperty("number").GetString()));
        Assert.Equal("20% 已完成选址", rows[1].GetProperty("reply").GetString());
        Assert.Equal("已由督办〔2024〕第1号取代", rows[2].GetProperty("closed").GetString());
        var lines = onlyOpen.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("提示〔2024〕第2号", lines[1], StringComparison.Ordinal);
    }

    private static string Button(OutgoingMessage message, string label) =>
        Assert.Single(message.Buttons.SelectMany(r => r), b => b.Label == label).Data;

    private static async Task<Notice> NoticeAsync(ChatHarness chat, string code, NoticeKind kind)
    {
        await using var db = chat.Db();
        return await db.Notices.Include(n => n.Task).AsNoTracking().SingleAsync(n => n.Task!.Code == code && n.Kind == kind);
    }

    private static async Task<OutboxMessage> LatestToAsync(ChatHarness chat, long chatId, string containing)
    {
        await using var db = chat.Db();
        return (await db.Outbox.Where(o => o.ChatId == chatId && o.AnswerCallbackQueryId == null).OrderByDescending(o => o.Id).ToListAsync())
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
