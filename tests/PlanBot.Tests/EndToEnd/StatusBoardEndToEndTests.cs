using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;

namespace PlanBot.Tests.EndToEnd;

/// <summary>A subscribed group's live status message: sent and pinned once, edited in place only when a count changed, at most once a minute.</summary>
public sealed class StatusBoardEndToEndTests
{
    private const long Group = -5101;

    [Fact]
    public async Task A_subscribed_group_gets_one_pinned_status_that_is_edited_when_a_light_changes_at_most_once_a_minute()
    {
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);

        Assert.Equal(1, await RefreshAsync(world));
        var sent = await world.NextMessageAsync(Group, 1);
        Assert.Contains("三张清单实时状态", sent.Text, StringComparison.Ordinal);
        var pinned = await world.Api.WaitForAsync(cs => cs.Any(c => c.Method == "pinChatMessage" && c.ChatId == Group));
        Assert.Equal(sent.MessageId, (long?)pinned.Single(c => c.Method == "pinChatMessage").Parameters["message_id"]);

        // Nothing changed: nothing is sent or edited.
        Assert.Equal(0, await RefreshAsync(world));

        await world.ArrangeAsync(async db =>
        {
            var task = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            task.Status = PlanTaskStatus.Done;
            task.ProgressPercent = 100;
        });
        // Changed, but the message was written less than a minute ago.
        Assert.Equal(0, await RefreshAsync(world));

        await world.ArrangeAsync(async db =>
        {
            var status = await db.Set<PinnedStatus>().SingleAsync();
            status.UpdatedAtUtc -= StatusBoard.MinInterval;
        });
        Assert.Equal(1, await RefreshAsync(world));
        var edits = await world.Api.WaitForAsync(cs => cs.Any(c => c.Method == "editMessageText" && c.Succeeded && c.ChatId == Group));
        var edit = edits.Single(c => c.Method == "editMessageText" && c.ChatId == Group);
        Assert.Equal(sent.MessageId, (long?)edit.Parameters["message_id"]);
        Assert.Contains("✅ 1", edit.Text, StringComparison.Ordinal);
        Assert.Equal(2, world.MessagesTo(Group).Count);
        Assert.Single(world.Api.CallsTo("pinChatMessage"));
    }

    private static async Task<int> RefreshAsync(BureauBot world)
    {
        await using var scope = world.Bot.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StatusBoard>()
            .RefreshAsync(scope.ServiceProvider.GetRequiredService<PlanBotDbContext>(), CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Pulse();
        // Wait until what was queued went out, so the next refresh sees the message's id.
        await world.Bot.WaitForDatabaseAsync(async db => !await db.Outbox.AnyAsync(o => o.ChatId == Group && o.State == OutboxState.Pending), what: "the status sent");
        return queued;
    }
}
