using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.EndToEnd;

/// <summary>
/// One live status message per subscribed group, against the fake Bot API: posted and pinned, edited in place when
/// the plan changes (and only then), posted and pinned anew when it was deleted, and a group where the bot may not pin
/// is told once what right it needs.
/// </summary>
public sealed class GroupStatusEndToEndTests
{
    private const long Group = -5001;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_subscribed_group_gets_one_pinned_status_message_edited_in_place_and_reposted_when_deleted()
    {
        await using var world = await BureauBot.StartAsync(o =>
        {
            o.Settings["PlanBot:GroupStatus:Enabled"] = "true";
            o.Settings["PlanBot:GroupStatus:IntervalSeconds"] = "1";
        });
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);

        var posted = await WaitForStatusPostAsync(world, 0);
        Assert.Contains("实时状态", posted.Text, StringComparison.Ordinal);
        Assert.Contains("难点工作 1 项:🔴1", posted.Text, StringComparison.Ordinal); // D-01, overdue since 05-31
        var pinned = await world.Api.WaitForAsync(calls => calls.Any(c => c.Method == "pinChatMessage" && c.Succeeded), Timeout);
        var pin = pinned.Single(c => c.Method == "pinChatMessage");
        Assert.Equal((Group, posted.MessageId), (pin.ChatId, (long?)(long)pin.Parameters["message_id"]!));

        // Nothing changed: a second look leaves the message alone (no edit every minute).
        await world.Api.WaitForAsync(calls => calls.Count(c => c.Method == "getUpdates") >= 3, Timeout);
        Assert.DoesNotContain(world.Api.Calls, c => c.Method == "editMessageText" && c.ChatId == Group);

        // D-01 gets a later deadline (as `tasks set-deadline` gives it) and catches up: no longer red, and the same message
        // shows it.
        await MoveDeadlineAsync(world, "D-01", new DateOnly(2024, 12, 31));
        await world.SayAsync(BureauBot.OwnerB, "/progress D-01 60 材料已报送");
        var edited = await world.Api.WaitForAsync(calls => calls.Any(c => c.Method == "editMessageText" && c.ChatId == Group && c.Succeeded), Timeout);
        var edit = edited.Single(c => c.Method == "editMessageText" && c.ChatId == Group);
        Assert.Equal(posted.MessageId, (long?)(long)edit.Parameters["message_id"]!);
        Assert.Single(world.MessagesTo(Group), m => m.Text?.Contains("实时状态", StringComparison.Ordinal) == true);

        // Someone deleted it: the next change cannot edit it, so it is posted and pinned again.
        world.Api.Inject("editMessageText", new Fault.BadRequest("Bad Request: message to edit not found"), times: 1, chatId: Group);
        await MoveDeadlineAsync(world, "D-01", new DateOnly(2024, 5, 31));
        var reposted = await WaitForStatusPostAsync(world, 1);
        Assert.NotEqual(posted.MessageId, reposted.MessageId);
        await world.Api.WaitForAsync(
            calls => calls.Any(c => c.Method == "pinChatMessage" && c.Succeeded && (long)c.Parameters["message_id"]! == reposted.MessageId), Timeout);
    }

    [Fact]
    public async Task Without_the_right_to_pin_the_group_is_told_once_what_the_bot_needs()
    {
        await using var world = await BureauBot.StartAsync(o =>
        {
            o.Settings["PlanBot:GroupStatus:Enabled"] = "true";
            o.Settings["PlanBot:GroupStatus:IntervalSeconds"] = "1";
        });
        world.Api.Inject("pinChatMessage", new Fault.BadRequest("Bad Request: not enough rights to manage pinned messages in the chat"));
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);
        await WaitForStatusPostAsync(world, 0);
        await world.Api.WaitForAsync(calls => calls.Any(c => c.Method == "sendMessage" && c.ChatId == Group && c.Text?.Contains("置顶消息") == true), Timeout);

        // A change, a new attempt at the next new message, and still one request for the right.
        world.Api.Inject("editMessageText", new Fault.BadRequest("Bad Request: message to edit not found"), times: 1, chatId: Group);
        await MoveDeadlineAsync(world, "D-01", new DateOnly(2024, 12, 31));
        await world.SayAsync(BureauBot.OwnerB, "/progress D-01 60 材料已报送");
        await WaitForStatusPostAsync(world, 1);
        await world.Api.WaitForAsync(calls => calls.Count(c => c.Method == "pinChatMessage") >= 2, Timeout);
        Assert.Single(world.MessagesTo(Group), m => m.Text?.Contains("置顶消息", StringComparison.Ordinal) == true);
        await using var db = world.Bot.CreateDbContext();
        Assert.NotNull((await db.GroupStatusMessages.SingleAsync()).PinRightsAskedAtUtc);
    }

    private static async Task MoveDeadlineAsync(BureauBot world, string code, DateOnly deadline)
    {
        await using var db = world.Bot.CreateDbContext();
        var task = await db.Tasks.SingleAsync(t => t.Code == code);
        task.MoveDeadline(deadline, memberId: null, UpdateChannel.Cli, world.Bot.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private static async Task<ApiCall> WaitForStatusPostAsync(BureauBot world, int index)
    {
        await world.Api.WaitForAsync(
            calls => calls.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == Group && c.Text?.Contains("实时状态") == true) > index,
            Timeout);
        return world.MessagesTo(Group).Where(m => m.Text?.Contains("实时状态", StringComparison.Ordinal) == true).ElementAt(index);
    }
}
