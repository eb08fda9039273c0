using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.Cli;
using PlanBot.Chat;

namespace PlanBot.Tests.Chat;

public sealed class ExtensionFlowTests
{
    private static async Task<Button> SupervisorButtonAsync(ChatHarness chat, int index)
    {
        var response = await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-03-31 拆迁未完成");
        return response.Messages.Single(m => m.ChatId == ChatHarness.Supervisor).Buttons[0][index];
    }

    [Fact]
    public async Task Approval_moves_the_deadline_keeps_the_original_and_tells_the_owner()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var approve = await SupervisorButtonAsync(chat, 0);

        var response = await chat.PressAsync(ChatHarness.Supervisor, approve.Data, messageId: 88);

        Assert.Equal("已批准", response.CallbackAnswer);
        var edited = response.Messages.Single(m => m.ChatId == ChatHarness.Supervisor);
        Assert.Equal(88, edited.EditMessageId);
        Assert.Empty(edited.Buttons);
        var toOwner = response.Messages.Single(m => m.ChatId == ChatHarness.OwnerA);
        Assert.Contains("新截止日期:2025-03-31", toOwner.Text, StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((new DateOnly(2025, 3, 31), new DateOnly(2024, 12, 31)), (task.Deadline, task.OriginalDeadline!.Value));
        Assert.Equal([UpdateKind.ExtensionRequested, UpdateKind.ExtensionApproved], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));
        await using var db = chat.Db();
        var request = await db.ExtensionRequests.SingleAsync();
        Assert.Equal(ExtensionStatus.Approved, request.Status);
        Assert.NotNull(request.DecidedById);

        var card = (await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages[0].Text;
        Assert.Contains("截止:2025-03-31(原定 2024-12-31)", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_decision_on_the_same_request_is_refused_politely()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var approve = await SupervisorButtonAsync(chat, 0);
        string refuse;
        await using (var db = chat.Db())
        {
            refuse = Assert.Single((await db.Outbox.SingleAsync(o => o.ChatId == ChatHarness.Supervisor)).Buttons()[0], b => b.Label == "❌ 驳回").Data;
        }

        await chat.PressAsync(ChatHarness.Supervisor, approve.Data);
        var before = await chat.SnapshotAsync();
        var second = await chat.PressAsync(ChatHarness.Supervisor, refuse);

        Assert.Equal("该申请已处理", second.CallbackAnswer);
        Assert.Contains("已由 分管副局长 批准", Assert.Single(second.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Refusal_keeps_the_deadline_and_tells_the_owner()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var refuse = await SupervisorButtonAsync(chat, 1);

        var response = await chat.PressAsync(ChatHarness.Supervisor, refuse.Data);

        Assert.Equal("已驳回", response.CallbackAnswer);
        Assert.Contains("截止日期不变", response.Messages.Single(m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal(new DateOnly(2024, 12, 31), task.Deadline);
        Assert.Null(task.OriginalDeadline);
        Assert.Equal(UpdateKind.ExtensionRefused, (await chat.HistoryAsync("K-01"))[^1].Kind);
    }

    [Fact]
    public async Task Owners_cannot_decide_extensions()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var approve = await SupervisorButtonAsync(chat, 0);
        var before = await chat.SnapshotAsync();

        Assert.Equal("仅限督查人员", (await chat.PressAsync(ChatHarness.OwnerB, approve.Data)).CallbackAnswer);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task An_old_approval_does_not_shorten_a_deadline_an_admin_set_later()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var response = await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-01-31 拆迁未完成");
        var approve = response.Messages.Single(m => m.ChatId == ChatHarness.Supervisor).Buttons[0][0];
        chat.Time.Advance(TimeSpan.FromDays(1));
        await SetDeadlineByCliAsync(chat, "K-01", "2025-06-30");
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.Supervisor, approve.Data);

        Assert.Equal(new DateOnly(2025, 6, 30), (await chat.TaskAsync("K-01")).Deadline);
        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal("未批准", press.CallbackAnswer);
        var answer = Assert.Single(press.Messages);
        Assert.Equal(ChatHarness.Supervisor, answer.ChatId);
        Assert.Contains("现为 2025-06-30,不早于申请的 2025-01-31", answer.Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Equal(ExtensionStatus.Pending, (await db.ExtensionRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task An_approval_made_before_a_later_deadline_change_is_asked_again_in_the_supervisors_language()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            (await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.Supervisor)))).Language = "en";
            await db.SaveChangesAsync();
        }

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-09-30 拆迁未完成");
        var approve = response.Messages.Single(m => m.ChatId == ChatHarness.Supervisor).Buttons[0][0];
        chat.Time.Advance(TimeSpan.FromDays(1));
        await SetDeadlineByCliAsync(chat, "K-01", "2025-06-30");
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.Supervisor, approve.Data);

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal("Please confirm again", press.CallbackAnswer);
        var question = Assert.Single(press.Messages);
        Assert.Contains("was changed to 2025-06-30 after this request", question.Text, StringComparison.Ordinal);
        Assert.Contains("2025-09-30", question.Text, StringComparison.Ordinal);

        // The question's own approve button was made knowing the new deadline: it decides.
        var again = await chat.PressAsync(ChatHarness.Supervisor, question.Buttons[0][0].Data);

        Assert.Equal("Approved", again.CallbackAnswer);
        Assert.Equal(new DateOnly(2025, 9, 30), (await chat.TaskAsync("K-01")).Deadline);
    }

    private static async Task SetDeadlineByCliAsync(ChatHarness chat, string code, string date)
    {
        var cli = new CliRunner(chat.Database);
        cli.Time.SetUtcNow(chat.Time.GetUtcNow());
        var result = await cli.RunAsync("tasks", "set-deadline", code, date);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
