using PlanBot.Plans;

namespace PlanBot.Tests.EndToEnd;

/// <summary>Updating without commands (buttons, replies) and refusals, through the running bot.</summary>
public sealed class UpdatesEndToEndTests
{
    [Fact]
    public async Task Pressing_25_percent_on_a_card_records_progress_and_answers_the_press()
    {
        await using var world = await BureauBot.StartAsync();
        var card = await world.SayAsync(BureauBot.OwnerA, "/task K-01");

        var toast = await world.PressAsync(BureauBot.OwnerA, card, "25%");
        var confirmation = await world.NextMessageAsync(BureauBot.OwnerA, 1);

        Assert.Equal("K-01 进度 25%", toast.Text);
        Assert.Equal(25, (await world.TaskAsync("K-01")).ProgressPercent);
        var update = Assert.Single(await world.HistoryAsync("K-01"));
        Assert.Equal(25, update.Percent);
        Assert.Equal(UpdateChannel.Button, update.Channel);
        Assert.Contains("已记录 <b>K-01</b>:进度 25%", confirmation.Text, StringComparison.Ordinal);
        // The press is answered exactly once.
        Assert.Single(world.Api.CallsTo("answerCallbackQuery"));
    }

    [Fact]
    public async Task Reply_to_a_task_card_records_percent_and_note()
    {
        await using var world = await BureauBot.StartAsync();
        var card = await world.SayAsync(BureauBot.OwnerA, "/task K-01");

        var confirmation = await world.ReplyAsync(BureauBot.OwnerA, card, "60 已完成招标");

        Assert.Contains("<b>K-01</b>:进度 60%", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal(60, (await world.TaskAsync("K-01")).ProgressPercent);
        var update = Assert.Single(await world.HistoryAsync("K-01"));
        Assert.Equal(60, update.Percent);
        Assert.Equal("已完成招标", update.Note);
        Assert.Equal(UpdateChannel.Reply, update.Channel);
    }

    [Fact]
    public async Task Someone_elses_task_is_refused_by_command_button_and_reply_and_nothing_changes()
    {
        await using var world = await BureauBot.StartAsync();
        var ownersCard = await world.SayAsync(BureauBot.OwnerA, "/task K-01");
        var before = await world.SnapshotAsync();

        var command = await world.SayAsync(BureauBot.OwnerB, "/progress K-01 50 抢先更新");
        Assert.Contains("K-01 不是您负责的任务", command.Text, StringComparison.Ordinal);

        var toast = await world.PressDataAsync(BureauBot.OwnerB, BureauBot.OwnerB, ownersCard.MessageId!.Value, BureauBot.CallbackData(ownersCard, "50%"));
        Assert.Equal("K-01 不是您负责的任务", toast.Text);

        var card = await world.SayAsync(BureauBot.OwnerB, "/task K-01");
        var reply = await world.ReplyAsync(BureauBot.OwnerB, card, "60 已完成招标");
        Assert.Contains("K-01 不是您负责的任务", reply.Text, StringComparison.Ordinal);

        Assert.Equal(before, await world.SnapshotAsync());
    }
}
