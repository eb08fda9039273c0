using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Chat;

namespace PlanBot.Tests.EndToEnd;

/// <summary>
/// A leaders' group that Telegram moves (a group upgraded to a supergroup gets a new id) or that drops the bot: the
/// subscription follows or goes, pending messages are re-addressed or dropped, and an admin is told in their language.
/// </summary>
public sealed class GroupChangesEndToEndTests
{
    private const long Group = -5001;
    private const long Supergroup = -1_000_000_005_001;

    [Fact]
    public async Task Group_upgraded_to_a_supergroup_keeps_its_subscription_under_the_new_id_and_an_admin_is_told()
    {
        await using var world = await BureauBot.StartAsync();
        await world.ArrangeAsync(async db => (await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(BureauBot.Admin)))).Language = Languages.English);
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);

        world.Api.MigrateGroup(Group, Supergroup, byUserId: BureauBot.Supervisor);

        var notice = await world.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains("supergroup", notice.Text, StringComparison.Ordinal);
        Assert.Contains(Supergroup.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Text, StringComparison.Ordinal);
        await using var check = world.Bot.CreateDbContext();
        Assert.Equal([Supergroup], await check.ChatSubscriptions.Select(s => s.ChatId).ToListAsync());
        // Later digests and reports go to the supergroup.
        var recipients = await ReportRecipients.LoadAsync(check, CancellationToken.None);
        Assert.Contains(recipients, r => r.ChatId == Supergroup);
        Assert.DoesNotContain(recipients, r => r.ChatId == Group);
        // Both service messages arrive (old group, new supergroup); the admin is told once.
        await world.Bot.WaitForDatabaseAsync(async db => !await db.Inbox.AnyAsync(e => e.State == PlanBot.Inbox.InboxState.Pending));
        Assert.Single(world.MessagesTo(BureauBot.Admin));
    }

    [Fact]
    public async Task Digest_to_a_group_that_was_upgraded_follows_it_to_the_supergroup()
    {
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);
        // The bot has not seen the service message; it learns of the move from Telegram's refusal.
        world.Api.MigrateGroup(Group, Supergroup, byUserId: BureauBot.Supervisor, announce: false);

        await SendDigestAsync(world);

        var digest = await world.Api.WaitForCallAsync("sendMessage", c => c.ChatId == Supergroup);
        Assert.False(string.IsNullOrEmpty(digest.Text));
        Assert.Contains(world.Api.Calls, c => c.ChatId == Group && c.StatusCode == 400);
        var notice = await world.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains("超级群", notice.Text, StringComparison.Ordinal);
        await world.Bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.ChatId == Supergroup && m.State == OutboxState.Sent));
        await using var check = world.Bot.CreateDbContext();
        Assert.Equal([Supergroup], await check.ChatSubscriptions.Select(s => s.ChatId).ToListAsync());
        Assert.False(await check.Outbox.AnyAsync(m => m.State == OutboxState.Failed));
    }

    [Fact]
    public async Task Bot_removed_from_a_group_drops_its_subscription_and_pending_messages_and_an_admin_is_told()
    {
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);
        // A message to the group waiting for its turn (as one backing off would).
        var later = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await world.ArrangeAsync(db =>
        {
            db.Outbox.Add(OutboxMessage.From(new OutgoingMessage(Group, "本周进度"), later));
            return Task.CompletedTask;
        });

        world.Api.RemoveBotFrom(Group, byUserId: BureauBot.Supervisor);

        var notice = await world.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains("移出", notice.Text, StringComparison.Ordinal);
        await using var check = world.Bot.CreateDbContext();
        Assert.Empty(await check.ChatSubscriptions.ToListAsync());
        var dropped = await check.Outbox.SingleAsync(m => m.ChatId == Group && m.Text == "本周进度");
        Assert.Equal(OutboxState.Failed, dropped.State);
        Assert.DoesNotContain(world.Api.Calls, c => c.ChatId == Group && c.Text == "本周进度");
    }

    [Fact]
    public async Task Digest_refused_by_a_group_is_reported_to_an_admin_like_a_member_who_blocked_the_bot()
    {
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.Supervisor, "/subscribe", chatId: Group);
        // Removed while the bot was not looking (the my_chat_member update never came).
        world.Api.RemoveBotFrom(Group, byUserId: BureauBot.Supervisor, announce: false);

        await SendDigestAsync(world);

        var notice = await world.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains(Group.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Text, StringComparison.Ordinal);
        Assert.Contains(world.Api.Calls, c => c.ChatId == Group && c.StatusCode == 403);
        await using var check = world.Bot.CreateDbContext();
        Assert.Empty(await check.ChatSubscriptions.ToListAsync());
    }

    private static async Task SendDigestAsync(BureauBot world)
    {
        await using var scope = world.Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DigestService>().SendAsync(CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Pulse();
    }
}
