using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

public sealed class ReplyUpdateTests
{
    private static async Task<long> CardMessageIdAsync(ChatHarness chat, long user, string code)
    {
        await chat.SendAsync(user, "/task " + code);
        return await chat.DeliverLatestAsync(user);
    }

    [Fact]
    public async Task Reply_to_a_task_card_records_percent_and_note()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-01");

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "60 已完成招标", replyTo: card);

        Assert.Contains("已记录 <b>K-01</b>:进度 60%", answer.Messages[0].Text, StringComparison.Ordinal);
        var row = Assert.Single(await chat.HistoryAsync("K-01"));
        Assert.Equal((UpdateKind.Progress, 60, "已完成招标", UpdateChannel.Reply), (row.Kind, row.Percent!.Value, row.Note, row.Channel));
    }

    [Fact]
    public async Task Reply_with_the_target_unit_records_a_value()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-05");

        await chat.SendAsync(ChatHarness.OwnerA, "5200名", replyTo: card);

        var task = await chat.TaskAsync("K-05");
        Assert.Equal((52, 5200m), (task.ProgressPercent, task.CurrentValue!.Value));
    }

    [Fact]
    public async Task Reply_done_asks_to_close_the_task_and_other_text_is_a_note()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-01");

        Assert.Contains("备注", (await chat.SendAsync(ChatHarness.OwnerA, "招标文件已报审", replyTo: card)).Messages[0].Text, StringComparison.Ordinal);
        var done = await chat.SendAsync(ChatHarness.OwnerA, "完成", replyTo: card);

        Assert.Contains("销号申请", done.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal([UpdateKind.Note, UpdateKind.CloseOutRequested], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.CloseRequested, 100), (task.Status, task.ProgressPercent));
    }

    [Fact]
    public async Task Reply_of_100_percent_or_the_whole_target_asks_to_close_the_task()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var k01 = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-01");
        var k05 = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-05");

        await chat.SendAsync(ChatHarness.OwnerA, "100% 已竣工", replyTo: k01);
        var value = await chat.SendAsync(ChatHarness.OwnerA, "10000名", replyTo: k05);

        Assert.Equal((PlanTaskStatus.CloseRequested, 100), ((await chat.TaskAsync("K-01")).Status, (await chat.TaskAsync("K-01")).ProgressPercent));
        Assert.Equal("已竣工", Assert.Single(await chat.HistoryAsync("K-01")).Note);
        Assert.Contains("10000/10000 名,进度 100%,已提交销号申请", value.Messages[0].Text, StringComparison.Ordinal);
        var k05Task = await chat.TaskAsync("K-05");
        Assert.Equal((PlanTaskStatus.CloseRequested, 10000m), (k05Task.Status, k05Task.CurrentValue!.Value));
    }

    [Fact]
    public async Task Reply_done_marks_done_where_close_outs_are_not_reviewed()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CloseOut:RequireReview"] = "false" });
        var card = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-01");

        await chat.SendAsync(ChatHarness.OwnerA, "完成", replyTo: card);

        Assert.Equal([UpdateKind.Done], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Done, 100), (task.Status, task.ProgressPercent));
    }

    [Fact]
    public async Task Reply_with_a_bad_percent_explains_and_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardMessageIdAsync(chat, ChatHarness.OwnerA, "K-01");
        var before = await chat.SnapshotAsync();

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "150", replyTo: card);

        Assert.Contains("百分比须在 0–100 之间", answer.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Reply_to_a_message_about_someone_elses_task_is_refused()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var supervisorCard = await CardMessageIdAsync(chat, ChatHarness.Supervisor, "K-01");
        var before = await chat.SnapshotAsync();

        var answer = await chat.SendAsync(ChatHarness.Supervisor, "60", replyTo: supervisorCard);

        Assert.Contains("K-01 不是您负责的任务", answer.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Reply_to_a_message_in_another_chat_does_not_match()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var ownerBCard = await CardMessageIdAsync(chat, ChatHarness.OwnerB, "H-01");
        var before = await chat.SnapshotAsync();

        var answer = await chat.SendAsync(ChatHarness.OwnerA, "60", replyTo: ownerBCard);

        Assert.Contains("请使用命令", answer.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Reply_to_a_message_not_about_a_task_gets_the_hint()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/help");
        var help = await chat.DeliverLatestAsync(ChatHarness.OwnerA);

        Assert.Contains("/my", (await chat.SendAsync(ChatHarness.OwnerA, "60", replyTo: help)).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_text_in_a_group_is_ignored()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Empty((await chat.SendAsync(ChatHarness.OwnerA, "60 已完成招标", groupChatId: -300)).Messages);
    }
}
