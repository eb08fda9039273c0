using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

/// <summary>
/// A message that starts with a task's code is for that task, whatever it replies to (issue 10, item 4), read the way
/// /progress reads its arguments; a reply to a message about several tasks without a code is answered with them.
/// </summary>
public sealed class NamedTaskReplyTests
{
    private static string Text(ChatResponse response) => response.Messages[0].Text;

    [Theory]
    [InlineData("K-01 60 已完成招标")]
    [InlineData("k-01 60 已完成招标")]
    [InlineData("K-01:60 已完成招标")]
    public async Task A_message_starting_with_a_code_updates_that_task(string typed)
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = await chat.SendAsync(ChatHarness.OwnerA, typed);

        Assert.Contains("已记录 <b>K-01</b>:进度 60%", Text(answer), StringComparison.Ordinal);
        var row = Assert.Single(await chat.HistoryAsync("K-01"));
        Assert.Equal((UpdateKind.Progress, 60, "已完成招标", UpdateChannel.Reply), (row.Kind, row.Percent!.Value, row.Note, row.Channel));
    }

    [Fact]
    public async Task A_code_in_a_reply_to_another_tasks_card_updates_the_named_task()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/task K-01");
        var k01Card = await chat.DeliverLatestAsync(ChatHarness.OwnerA);

        await chat.SendAsync(ChatHarness.OwnerA, "K-05 5200名", replyTo: k01Card);

        Assert.Equal(5200m, (await chat.TaskAsync("K-05")).CurrentValue);
        Assert.Empty(await chat.HistoryAsync("K-01"));
    }

    [Theory]
    [InlineData("H-01 60", "H-01 不是您负责的任务")]
    [InlineData("K-99 60", "没有编号为 K-99 的任务")]
    public async Task A_code_of_someone_elses_task_or_of_no_task_is_refused_and_changes_nothing(string typed, string expected)
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/task K-01");
        var k01Card = await chat.DeliverLatestAsync(ChatHarness.OwnerA);
        var before = await chat.SnapshotAsync();

        Assert.Contains(expected, Text(await chat.SendAsync(ChatHarness.OwnerA, typed)), StringComparison.Ordinal);
        Assert.Contains(expected, Text(await chat.SendAsync(ChatHarness.OwnerA, typed, replyTo: k01Card)), StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task A_reply_without_a_code_to_my_task_list_lists_the_tasks_with_their_buttons_and_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/my");
        var list = await chat.DeliverLatestAsync(ChatHarness.OwnerA);
        var before = await chat.SnapshotAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "60", replyTo: list)).Messages);

        Assert.Contains("K-01 60", answer.Text, StringComparison.Ordinal);
        Assert.Contains("K-05", answer.Text, StringComparison.Ordinal);
        var labels = answer.Buttons.SelectMany(r => r).Select(b => b.Label).ToList();
        Assert.Contains("K-01 ✅", labels);
        Assert.Contains("K-05 ⏰", labels);
        Assert.Equal(before, await chat.SnapshotAsync());
    }
}
