using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.EndToEnd;

/// <summary>What Telegram does to deliveries (redelivery, 429, 403) against the real router and outbox.</summary>
public sealed class DeliveryEndToEndTests
{
    [Fact]
    public async Task Redelivered_progress_update_is_applied_once()
    {
        await using var world = await BureauBot.StartAsync();

        var updateId = world.Api.EnqueueText(BureauBot.OwnerA, BureauBot.OwnerA, "/progress K-01 40 首次");
        await world.NextMessageAsync(BureauBot.OwnerA, 0);
        world.Api.Redeliver(updateId);
        await world.SayAsync(BureauBot.OwnerA, "/whoami");

        var update = Assert.Single(await world.HistoryAsync("K-01"));
        Assert.Equal(40, update.Percent);
        Assert.Single(world.MessagesTo(BureauBot.OwnerA), m => m.Text!.Contains("进度 40%", StringComparison.Ordinal));
        await using var db = world.Bot.CreateDbContext();
        Assert.Equal(1, await db.Inbox.CountAsync(e => e.UpdateId == updateId));
    }

    [Fact]
    public async Task Storm_of_429s_still_delivers_every_answer_exactly_once()
    {
        await using var world = await BureauBot.StartAsync();
        world.Api.EnforceLimits = true;
        world.Api.Inject("sendMessage", new Fault.TooManyRequests(1), times: 6);
        long[] people = [BureauBot.OwnerA, BureauBot.OwnerB, BureauBot.Supervisor, BureauBot.Admin];

        foreach (var person in people)
        {
            world.Api.EnqueueText(person, person, "/whoami");
            world.Api.EnqueueText(person, person, "/lists");
        }

        await world.Api.WaitForAsync(cs => people.All(p => cs.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == p) >= 2), TimeSpan.FromSeconds(40));
        Assert.Contains(world.Api.CallsTo("sendMessage"), c => c.StatusCode == 429);
        foreach (var person in people)
        {
            var received = world.MessagesTo(person);
            Assert.Equal(2, received.Count);
            Assert.Single(received, m => m.Text!.Contains("👤", StringComparison.Ordinal));
            Assert.Single(received, m => m.Text!.Contains("三张清单", StringComparison.Ordinal));
        }

        // The sender records each delivery just after Telegram's answer.
        await world.Bot.WaitForDatabaseAsync(async db => await db.Outbox.CountAsync(m => m.State == OutboxState.Sent) == 8, what: "8 rows sent");
        await using var check = world.Bot.CreateDbContext();
        Assert.Equal(8, await check.Outbox.CountAsync());
    }

    [Fact]
    public async Task Blocked_member_is_marked_unreachable_admins_are_told_and_writing_again_makes_them_reachable()
    {
        await using var world = await BureauBot.StartAsync();
        world.Api.Inject("sendMessage", new Fault.Forbidden(), chatId: BureauBot.OwnerA);

        world.Api.EnqueueText(BureauBot.OwnerA, BureauBot.OwnerA, "/my");

        var notice = await world.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains("无法联系 <b>投资科负责人</b>", notice.Text, StringComparison.Ordinal);
        Assert.False((await world.MemberAsync(BureauBot.OwnerA)).Reachable);

        // They unblock the bot and write again.
        world.Api.ClearFaults();
        var answer = await world.SayAsync(BureauBot.OwnerA, "/whoami");
        Assert.Contains("投资科负责人", answer.Text, StringComparison.Ordinal);
        Assert.True((await world.MemberAsync(BureauBot.OwnerA)).Reachable);
    }
}
