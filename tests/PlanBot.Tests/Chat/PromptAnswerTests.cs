using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Chat.Progress;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

/// <summary>
/// Each ⚠️/⏰ question is answered by what answers it (issue 10, item 3): a reply by the question it replies to, a plain
/// message by the newest question still open; and its example is one the bot accepts for that task.
/// </summary>
public sealed partial class PromptAnswerTests
{
    private const string Extend = "⏰ 申请延期";
    private const string Blocked = "⚠️ 遇到困难";

    private static string Text(ChatResponse response) => response.Messages[0].Text;

    /// <summary>Presses <paramref name="label"/> on the task's card; returns the question as sent (its message id and text).</summary>
    private static async Task<(long Id, string Text)> AskAsync(ChatHarness chat, long owner, string code, string label)
    {
        var card = Assert.Single((await chat.SendAsync(owner, "/task " + code)).Messages);
        var question = Assert.Single((await chat.PressAsync(owner, card.Buttons.SelectMany(r => r).Single(b => b.Label == label).Data)).Messages);
        return (await chat.DeliverLatestAsync(owner), question.Text);
    }

    private static string ExampleIn(string question) => ExampleLine().Match(question).Groups["example"].Value.Trim();

    [Fact]
    public async Task A_date_replied_to_the_extend_question_asks_for_an_extension_though_the_blocked_button_was_pressed_since()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var extendQuestion = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Extend);
        await AskAsync(chat, ChatHarness.OwnerA, "K-01", Blocked);

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "2025-03-31 拆迁未完成", replyTo: extendQuestion.Id);

        Assert.Contains("2024-12-31 → 2025-03-31", Text(answer), StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Open, null), (task.Status, task.BlockedReason));
        await using (var db = chat.Db())
        {
            Assert.Equal(new DateOnly(2025, 3, 31), (await db.ExtensionRequests.SingleAsync()).RequestedDeadline);
        }

        // The ⚠️ question is the newest and still open: a plain message answers it.
        await chat.SendAsync(ChatHarness.OwnerA, "资金未到位");
        Assert.Equal((PlanTaskStatus.Blocked, "资金未到位"), ((await chat.TaskAsync("K-01")).Status, (await chat.TaskAsync("K-01")).BlockedReason));
    }

    [Fact]
    public async Task A_reply_to_the_blocked_question_records_a_blocker_though_the_extend_button_was_pressed_since()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var blockedQuestion = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Blocked);
        await AskAsync(chat, ChatHarness.OwnerA, "K-01", Extend);

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "征迁协议未签", replyTo: blockedQuestion.Id);

        Assert.Contains("遇到困难:征迁协议未签", Text(answer), StringComparison.Ordinal);
        Assert.Equal("征迁协议未签", (await chat.TaskAsync("K-01")).BlockedReason);
        await using var db = chat.Db();
        Assert.Equal(0, await db.ExtensionRequests.CountAsync());
    }

    [Fact]
    public async Task A_reply_to_the_extend_question_is_its_answer_after_a_command_and_after_its_lifetime()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Extend);
        await chat.SendAsync(ChatHarness.OwnerA, "/my");
        chat.Time.Advance(TaskActions.PromptLifetime + TimeSpan.FromHours(1));

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "2025-03-31 拆迁未完成", replyTo: question.Id);

        Assert.Contains("2024-12-31 → 2025-03-31", Text(answer), StringComparison.Ordinal);
        Assert.Equal(0, (await chat.TaskAsync("K-01")).ProgressPercent);
    }

    [Fact]
    public async Task A_reply_to_a_blocked_question_already_answered_is_an_update_of_the_task_not_a_second_blocker()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Blocked);
        await chat.SendAsync(ChatHarness.OwnerA, "资金未到位", replyTo: question.Id);

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "60 资金已到位", replyTo: question.Id);

        Assert.Contains("已记录 <b>K-01</b>:进度 60%", Text(answer), StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Open, null, 60), (task.Status, task.BlockedReason, task.ProgressPercent));
        Assert.Equal([UpdateKind.Blocked, UpdateKind.Progress], (await chat.HistoryAsync("K-01")).Select(u => u.Kind));
    }

    [Fact]
    public async Task A_second_date_replied_to_an_answered_extend_question_is_told_a_request_is_pending()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Extend);
        await chat.SendAsync(ChatHarness.OwnerA, "2025-03-31 拆迁未完成", replyTo: question.Id);
        var before = await chat.SnapshotAsync();

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "2025-04-30 拆迁未完成", replyTo: question.Id);

        Assert.Contains("已有一项待审批的延期申请(至 2025-03-31)", Text(answer), StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Theory]
    [InlineData(ChatHarness.OwnerA, "K-01")] // deadline 2024-12-31, ahead
    [InlineData(ChatHarness.OwnerB, "D-01")] // deadline 2024-05-31, passed
    public async Task The_extend_questions_example_is_accepted_when_sent_back(long owner, string code)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, owner, code, Extend);
        var example = ExampleIn(question.Text);

        var answer = await chat.SendAsync(owner, example, replyTo: question.Id);

        Assert.Contains("已提交", Text(answer), StringComparison.Ordinal);
        await using var db = chat.Db();
        var request = await db.ExtensionRequests.SingleAsync();
        Assert.Equal(ExtensionStatus.Pending, request.Status);
        Assert.Equal(example, $"{request.RequestedDeadline:yyyy-MM-dd} {request.Reason}");
    }

    [Fact]
    public async Task A_refused_date_is_answered_with_an_example_the_bot_accepts()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Extend);

        var refused = Text(await chat.SendAsync(ChatHarness.OwnerA, "2024-12-31 审批延后", replyTo: question.Id));
        Assert.Contains("2024-12-31 不晚于当前截止日期 2024-12-31", refused, StringComparison.Ordinal);
        await chat.SendAsync(ChatHarness.OwnerA, ExampleIn(refused), replyTo: question.Id);

        await using var db = chat.Db();
        Assert.Equal(ExtensionStatus.Pending, (await db.ExtensionRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task The_blocked_questions_example_is_accepted_when_sent_back()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var question = await AskAsync(chat, ChatHarness.OwnerA, "K-01", Blocked);
        var example = ExampleIn(question.Text);
        Assert.NotEmpty(example);

        await chat.SendAsync(ChatHarness.OwnerA, example, replyTo: question.Id);

        Assert.Equal((PlanTaskStatus.Blocked, example), ((await chat.TaskAsync("K-01")).Status, (await chat.TaskAsync("K-01")).BlockedReason));
    }

    [Fact]
    public async Task A_message_naming_another_task_while_a_question_is_open_updates_that_task_and_the_question_keeps_waiting()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await AskAsync(chat, ChatHarness.OwnerA, "K-01", Blocked);

        var other = await chat.SendAsync(ChatHarness.OwnerA, "K-05 5200名 第二批培训结束");
        Assert.Contains("5200/10000 名", Text(other), StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Open, (await chat.TaskAsync("K-01")).Status);

        await chat.SendAsync(ChatHarness.OwnerA, "K-01 资金未到位");
        Assert.Equal("资金未到位", (await chat.TaskAsync("K-01")).BlockedReason);
        Assert.Equal(5200m, (await chat.TaskAsync("K-05")).CurrentValue);
    }

    [GeneratedRegex(@"例如:(?<example>[^\n<]+)")]
    private static partial Regex ExampleLine();
}
