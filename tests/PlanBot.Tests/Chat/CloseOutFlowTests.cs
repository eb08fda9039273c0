using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.Cli;

namespace PlanBot.Tests.Chat;

/// <summary>销号 with review (PlanBot:CloseOut:RequireReview, on by default): an owner's done is a request a supervisor decides.</summary>
public sealed class CloseOutFlowTests
{
    /// <summary>The owner says done; returns the supervisor's copy of the request, with its 销号 / 退回 buttons.</summary>
    private static async Task<OutgoingMessage> AskToCloseAsync(ChatHarness chat, string command = "/done K-01 已竣工验收")
    {
        var response = await chat.SendAsync(ChatHarness.OwnerA, command);
        return Assert.Single(response.Messages, m => m.ChatId == ChatHarness.Supervisor);
    }

    private static string Button(OutgoingMessage message, string label) =>
        Assert.Single(message.Buttons.SelectMany(r => r), b => b.Label == label).Data;

    /// <summary>The supervisor presses 退回 and answers the question with <paramref name="reason"/> as a reply to it.</summary>
    private static async Task<ChatResponse> ReturnAsync(ChatHarness chat, OutgoingMessage request, string reason)
    {
        var asked = await chat.PressAsync(ChatHarness.Supervisor, Button(request, "↩️ 退回"));
        Assert.Equal("请回复退回原因", asked.CallbackAnswer);
        Assert.Contains("请直接回复退回原因", Assert.Single(asked.Messages).Text, StringComparison.Ordinal);
        var question = await chat.DeliverLatestAsync(ChatHarness.Supervisor);
        return await chat.SendAsync(ChatHarness.Supervisor, reason, replyTo: question);
    }

    [Fact]
    public async Task Done_sent_back_with_a_reason_then_done_again_and_closed_out_is_done_with_every_step_in_the_history()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 60 主体完工");
        chat.Time.Advance(TimeSpan.FromHours(1));
        var first = await AskToCloseAsync(chat);
        Assert.Contains("K-01", first.Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.CloseRequested, (await chat.TaskAsync("K-01")).Status);

        chat.Time.Advance(TimeSpan.FromHours(1));
        var returned = await ReturnAsync(chat, first, "验收材料不全,请补充");

        var answer = Assert.Single(returned.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Contains("已退回 <b>K-01</b> 的销号申请,原因:验收材料不全,请补充。任务重新打开,进度恢复为 60%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("已通知责任人", answer.Text, StringComparison.Ordinal);
        var told = Assert.Single(returned.Messages, m => m.ChatId == ChatHarness.OwnerA);
        Assert.Contains("销号申请被 分管副局长 退回", told.Text, StringComparison.Ordinal);
        Assert.Contains("原因:验收材料不全,请补充", told.Text, StringComparison.Ordinal);
        Assert.NotEmpty(told.Buttons);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Open, 60, (DateTime?)null), (task.Status, task.ProgressPercent, task.DoneAtUtc));

        chat.Time.Advance(TimeSpan.FromHours(1));
        var second = await AskToCloseAsync(chat, "/done K-01 材料已补充");
        chat.Time.Advance(TimeSpan.FromHours(1));
        var closed = await chat.PressAsync(ChatHarness.Supervisor, Button(second, "✅ 销号"), messageId: 91);

        Assert.Equal("已销号", closed.CallbackAnswer);
        var decision = Assert.Single(closed.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Equal(91, decision.EditMessageId);
        Assert.Empty(decision.Buttons);
        Assert.Contains("已由 分管副局长 销号,计为已完成", Assert.Single(closed.Messages, m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
        task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Done, 100, chat.Time.GetUtcNow().UtcDateTime), (task.Status, task.ProgressPercent, task.DoneAtUtc!.Value));
        var history = await chat.HistoryAsync("K-01");
        Assert.Equal(
            [UpdateKind.Progress, UpdateKind.CloseOutRequested, UpdateKind.CloseOutReturned, UpdateKind.CloseOutRequested, UpdateKind.ClosedOut],
            history.Select(h => h.Kind));
        Assert.Equal("验收材料不全,请补充", history[2].Note);

        var card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.Contains("分管副局长:销号", card, StringComparison.Ordinal);
        Assert.Contains("投资科负责人:申请销号 — 材料已补充", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_awaiting_close_out_shows_待销号_and_is_not_counted_as_done()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await AskToCloseAsync(chat);

        var card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.Contains("进度:100% · 待销号", card, StringComparison.Ordinal);
        Assert.Contains("亮灯:🟢 待销号", card, StringComparison.Ordinal);
        Assert.Contains("2 项):✅ 0 · 🔴 0 · 🟡 0 · 🟢 2", (await chat.SendAsync(ChatHarness.Supervisor, "/lists")).Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("K-01", (await chat.SendAsync(ChatHarness.OwnerA, "/my")).Messages[0].Text, StringComparison.Ordinal);

        // Once closed out, it is done: counted so, and no longer among the owner's open tasks.
        var supervisorCard = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/task K-01")).Messages);
        await chat.PressAsync(ChatHarness.Supervisor, supervisorCard.Buttons[0][0].Data);
        Assert.Contains("2 项):✅ 1 · 🔴 0 · 🟡 0 · 🟢 1", (await chat.SendAsync(ChatHarness.Supervisor, "/lists")).Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("K-01", (await chat.SendAsync(ChatHarness.OwnerA, "/my")).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owners_cannot_close_out_and_a_supervisor_who_owns_the_task_cannot_either()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var request = await AskToCloseAsync(chat);
        var before = await chat.SnapshotAsync();

        Assert.Equal("仅限督查人员", (await chat.PressAsync(ChatHarness.OwnerA, Button(request, "✅ 销号"))).CallbackAnswer);
        Assert.Equal("仅限督查人员", (await chat.PressAsync(ChatHarness.OwnerB, Button(request, "↩️ 退回"))).CallbackAnswer);
        Assert.Equal(before, await chat.SnapshotAsync());

        // The supervisor becomes K-01's co-owner: now it is their own task.
        await using (var db = chat.Db())
        {
            var supervisor = await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.Supervisor)));
            var k01 = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            db.Add(new TaskCoOwner { TaskId = k01.Id, MemberId = supervisor.Id });
            await db.SaveChangesAsync();
        }

        var own = await chat.PressAsync(ChatHarness.Supervisor, Button(request, "✅ 销号"));

        Assert.Equal("不能为自己的任务销号", own.CallbackAnswer);
        Assert.Contains("须由其他督查人员销号或退回", Assert.Single(own.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.CloseRequested, (await chat.TaskAsync("K-01")).Status);
    }

    [Fact]
    public async Task A_second_press_or_another_supervisors_copy_is_told_who_decided_and_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var request = await AskToCloseAsync(chat);
        await chat.PressAsync(ChatHarness.Supervisor, Button(request, "✅ 销号"));
        var before = await chat.SnapshotAsync();

        var again = await chat.PressAsync(ChatHarness.Supervisor, Button(request, "✅ 销号"));
        var back = await chat.PressAsync(ChatHarness.Admin, Button(request, "↩️ 退回"));

        Assert.Equal("该申请已处理", again.CallbackAnswer);
        Assert.Contains("<b>K-01</b> 的这次销号申请已由 分管副局长 销号,无需再次处理", Assert.Single(again.Messages).Text, StringComparison.Ordinal);
        Assert.Equal("该申请已处理", back.CallbackAnswer);
        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Single(await chat.HistoryAsync("K-01"), h => h.Kind == UpdateKind.ClosedOut);
    }

    [Fact]
    public async Task A_button_of_a_request_sent_back_and_asked_again_decides_nothing_and_offers_the_new_request()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var first = await AskToCloseAsync(chat);
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await ReturnAsync(chat, first, "缺少验收报告");
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await AskToCloseAsync(chat, "/done K-01 已补充验收报告");
        var before = await chat.SnapshotAsync();

        var stale = await chat.PressAsync(ChatHarness.Supervisor, Button(first, "✅ 销号"));

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal("该申请已处理", stale.CallbackAnswer);
        var text = Assert.Single(stale.Messages);
        Assert.Contains("已由 分管副局长 退回(原因:缺少验收报告)", text.Text, StringComparison.Ordinal);
        Assert.Contains("责任人已再次申请销号", text.Text, StringComparison.Ordinal);

        // The buttons offered are the new request's: they decide it.
        Assert.Equal("已销号", (await chat.PressAsync(ChatHarness.Supervisor, Button(text, "✅ 销号"))).CallbackAnswer);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);
    }

    [Fact]
    public async Task A_request_withdrawn_by_new_progress_cannot_be_closed_out()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var request = await AskToCloseAsync(chat);
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 90 还差竣工验收");
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.Supervisor, Button(request, "✅ 销号"));

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Contains("这次销号申请已撤回:责任人此后更新了任务(现为进行中,进度 90%)", Assert.Single(press.Messages).Text, StringComparison.Ordinal);
        Assert.Equal((PlanTaskStatus.Open, 90), ((await chat.TaskAsync("K-01")).Status, (await chat.TaskAsync("K-01")).ProgressPercent));
    }

    [Fact]
    public async Task A_reason_answered_after_someone_else_closed_it_out_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var request = await AskToCloseAsync(chat);
        await chat.PressAsync(ChatHarness.Supervisor, Button(request, "↩️ 退回"));
        var question = await chat.DeliverLatestAsync(ChatHarness.Supervisor);
        await chat.PressAsync(ChatHarness.Admin, Button(request, "✅ 销号"));
        var before = await chat.SnapshotAsync();

        var answer = await chat.SendAsync(ChatHarness.Supervisor, "材料不全", replyTo: question);

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Contains("已由 办公室主任 销号", Assert.Single(answer.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);
    }

    [Fact]
    public async Task An_empty_reason_keeps_the_question_open_and_a_plain_message_then_answers_it()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var request = await AskToCloseAsync(chat);
        await chat.PressAsync(ChatHarness.Supervisor, Button(request, "↩️ 退回"));
        var question = await chat.DeliverLatestAsync(ChatHarness.Supervisor);

        var empty = await chat.SendAsync(ChatHarness.Supervisor, "\u2067\u2069", replyTo: question);
        Assert.Contains("请填写原因", empty.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.CloseRequested, (await chat.TaskAsync("K-01")).Status);

        await chat.SendAsync(ChatHarness.Supervisor, "K-01 现场尚未整改");

        Assert.Equal(PlanTaskStatus.Open, (await chat.TaskAsync("K-01")).Status);
        Assert.Equal("现场尚未整改", (await chat.HistoryAsync("K-01"))[^1].Note);
    }

    [Fact]
    public async Task A_supervisor_decides_from_the_task_card_where_the_owner_sees_the_owners_buttons()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await AskToCloseAsync(chat);

        var supervisorCard = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/task K-01")).Messages);
        var ownerCard = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages);

        Assert.Equal(["✅ 销号", "↩️ 退回"], supervisorCard.Buttons.SelectMany(r => r).Select(b => b.Label));
        Assert.Contains("✅ 完成", ownerCard.Buttons.SelectMany(r => r).Select(b => b.Label));
        Assert.Equal("已销号", (await chat.PressAsync(ChatHarness.Supervisor, Button(supervisorCard, "✅ 销号"))).CallbackAnswer);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);
    }

    [Fact]
    public async Task Where_close_outs_are_not_reviewed_done_is_one_step_and_nobody_is_asked()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CloseOut:RequireReview"] = "false" });

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/done K-01");

        Assert.Contains("已完成 🎉", Assert.Single(response.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);
        Assert.Equal([UpdateKind.Done], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));
        // 100 % stays progress, as it always was without review.
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 10000");
        Assert.Equal((PlanTaskStatus.Open, 100), ((await chat.TaskAsync("K-05")).Status, (await chat.TaskAsync("K-05")).ProgressPercent));
    }

    [Fact]
    public async Task The_cli_closes_out_and_sends_back_with_the_reason_and_the_owner_is_told()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 40");
        await AskToCloseAsync(chat);
        await chat.SendAsync(ChatHarness.OwnerB, "/done H-01");
        var cli = new CliRunner(chat.Database);
        cli.Time.SetUtcNow(chat.Time.GetUtcNow().AddHours(1));

        var list = await cli.RunAsync("tasks", "list");
        Assert.Matches(@"K-01 +🟢 .* 100% 待销号", list.Out);
        Assert.Contains("\"status\": \"closeRequested\"", (await cli.RunAsync("tasks", "list", "--json")).Out, StringComparison.Ordinal);
        Assert.Contains("\"lightReason\": \"awaitingCloseOut\"", (await cli.RunAsync("tasks", "list", "--json")).Out, StringComparison.Ordinal);

        var returned = await cli.RunAsync("tasks", "return", "k1", "--reason", "未附验收报告");
        var closed = await cli.RunAsync("tasks", "close-out", "H-01");

        Assert.True(returned.ExitCode == 0, returned.Error);
        Assert.Contains("K-01: sent back (退回): 未附验收报告; open again at 40%", returned.Out, StringComparison.Ordinal);
        Assert.True(closed.ExitCode == 0, closed.Error);
        Assert.Contains("H-01: closed out (销号)", closed.Out, StringComparison.Ordinal);
        Assert.Equal((PlanTaskStatus.Open, 40), ((await chat.TaskAsync("K-01")).Status, (await chat.TaskAsync("K-01")).ProgressPercent));
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("H-01")).Status);
        Assert.Equal((UpdateKind.CloseOutReturned, UpdateChannel.Cli, (int?)null), ((await chat.HistoryAsync("K-01"))[^1].Kind, (await chat.HistoryAsync("K-01"))[^1].Channel, (await chat.HistoryAsync("K-01"))[^1].MemberId));
        await using var db = chat.Db();
        var toOwnerA = await db.Outbox.Where(o => o.ChatId == ChatHarness.OwnerA).OrderBy(o => o.Id).LastAsync();
        Assert.Contains("被 管理员 退回", toOwnerA.Text, StringComparison.Ordinal);
        Assert.Contains("未附验收报告", toOwnerA.Text, StringComparison.Ordinal);
        var toOwnerB = await db.Outbox.Where(o => o.ChatId == ChatHarness.OwnerB).OrderBy(o => o.Id).LastAsync();
        Assert.Contains("已由 管理员 销号", toOwnerB.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "tasks", "close-out", "K-01" }, "tasks close-out: K-01 is not awaiting close-out (it is open at 0%); its owner asks with /done")]
    [InlineData(new[] { "tasks", "return", "K-01", "--reason", "x" }, "tasks return: K-01 is not awaiting close-out (it is open at 0%); its owner asks with /done")]
    [InlineData(new[] { "tasks", "close-out", "K-99" }, "no task K-99 in the 2024 plan (see: tasks list)")]
    [InlineData(new[] { "tasks", "return", "H-01", "--reason", " " }, "tasks return: --reason is empty; say why the task is not finished, the owner is told")]
    [InlineData(new[] { "tasks", "return", "H-01" }, "tasks return: --reason TEXT is required")]
    [InlineData(new[] { "tasks", "close-out", "D-01" }, "tasks close-out: D-01 is already done")]
    public async Task The_cli_names_what_is_wrong_and_changes_nothing(string[] args, string error)
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerB, "/done H-01");
        await using (var db = chat.Db())
        {
            var d01 = await db.Tasks.SingleAsync(t => t.Code == "D-01");
            d01.Status = PlanTaskStatus.Done;
            d01.ProgressPercent = 100;
            await db.SaveChangesAsync();
        }

        var before = await chat.SnapshotAsync();
        var cli = new CliRunner(chat.Database);
        cli.Time.SetUtcNow(chat.Time.GetUtcNow());

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }
}
