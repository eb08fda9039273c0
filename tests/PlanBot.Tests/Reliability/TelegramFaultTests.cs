using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;
using Xunit.Abstractions;
using PlanBot.Chat;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// Telegram misbehaving in every way the Bot API can: the bot keeps running, applies every update once, delivers
/// every reply, and needs no help to recover.
/// </summary>
public sealed class TelegramFaultTests(ITestOutputHelper output)
{
    private const int Owners = 10;

    /// <summary>How long "Telegram" is unreachable. The issue asks for 60 s; 5 s exercises the same path (every call
    /// refused, backoff, recovery) without making the suite a minute slower.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    /// <summary>The Bot API client's timeout in these tests (the app uses 90 s, beyond the longest long poll).</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    public static TheoryData<string> SendFaults => ["429 storm", "5xx", "timeout", "malformed JSON"];

    [Theory]
    [MemberData(nameof(SendFaults))]
    public async Task Replies_get_through_a_send_fault_and_each_update_applies_once(string kind)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        var (fault, times) = kind switch
        {
            "429 storm" => ((Fault)new Fault.TooManyRequests(1), 6),
            "5xx" => (new Fault.ServerError(), 6),
            "timeout" => (new Fault.Slow(ClientTimeout * 2), 2),
            _ => (new Fault.MalformedJson(), 3),
        };
        api.Inject("sendMessage", fault, times);
        api.Inject("getUpdates", kind == "429 storm" ? new Fault.TooManyRequests(1) : new Fault.ServerError(), times: 2);
        var (database, bot) = await ReliabilityHost.StartAsync(api, Owners, o => o.Services = ShortClientTimeout);
        await using var _ = database;
        await using var __ = bot;

        for (var i = 0; i < Owners; i++)
        {
            api.EnqueueText(ReliabilityPlan.ChatOf(i), ReliabilityPlan.ChatOf(i), ReliabilityHost.Progress(i, 60 + i));
        }

        await WaitForEveryReplyAsync(api, bot, Owners, TimeSpan.FromSeconds(60));

        // Recovered by itself: a new update after the faults is handled at once.
        api.EnqueueText(ReliabilityPlan.ChatOf(0), ReliabilityPlan.ChatOf(0), ReliabilityHost.Progress(0, 99));
        await api.WaitForCallAsync("sendMessage", c => c.ChatId == ReliabilityPlan.ChatOf(0) && c.Text!.Contains("99", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        await AssertAppliedOnceAsync(bot, Owners, extraForOwnerZero: 1);
        var duplicates = Duplicates(api);
        output.WriteLine($"{kind}: {api.Calls.Count(c => c.Method == "sendMessage" && !c.Succeeded)} failed sends, {duplicates} duplicate(s)");
        // A malformed answer to a send Telegram did carry out is indistinguishable from a lost one: the retry repeats
        // it (at least once). Every other fault leaves nothing delivered, so nothing is repeated.
        Assert.InRange(duplicates, 0, kind == "malformed JSON" ? times : 0);
        Assert.Contains(bot.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        AssertNoToken(bot);
    }

    [Fact]
    public async Task Telegram_unreachable_for_a_while_then_back_loses_nothing()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var proxy = LoopbackProxy.Start(api.BaseUrl);
        var (database, bot) = await ReliabilityHost.StartAsync(api, Owners, o => o.Settings["Telegram:ApiBaseUrl"] = proxy.BaseUrl);
        await using var _ = database;
        await using var __ = bot;

        api.EnqueueText(ReliabilityPlan.ChatOf(0), ReliabilityPlan.ChatOf(0), ReliabilityHost.Progress(0, 30));
        await api.WaitForCallAsync("sendMessage", c => c.ChatId == ReliabilityPlan.ChatOf(0));

        proxy.Cut();
        var cutAt = TimeProvider.System.GetUtcNow();
        // Written while Telegram is away: updates wait at Telegram, messages (as a scheduled job writes them) in the outbox.
        for (var i = 1; i < Owners; i++)
        {
            api.EnqueueText(ReliabilityPlan.ChatOf(i), ReliabilityPlan.ChatOf(i), ReliabilityHost.Progress(i, 30 + i));
        }

        await using (var db = bot.CreateDbContext())
        {
            db.Enqueue(ReliabilityPlan.Now.UtcDateTime, Enumerable.Range(0, Owners).Select(i => new OutgoingMessage(ReliabilityPlan.ChatOf(i), "通知 " + i.ToString(CultureInfo.InvariantCulture))));
            await db.SaveChangesAsync();
        }

        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(o => o.Attempts > 0), TimeSpan.FromSeconds(15), "a send failed during the outage");
        // The failed send and the failed long poll come in either order.
        await bot.WaitForLogAsync(l => l.Message.Contains("getUpdates failed", StringComparison.Ordinal), TimeSpan.FromSeconds(15), "getUpdates failed");
        var left = Outage - (TimeProvider.System.GetUtcNow() - cutAt);
        if (left > TimeSpan.Zero)
        {
            // The outage itself is what is under test: it lasts its full length, whatever the bot does meanwhile.
            await Task.Delay(left);
        }

        proxy.Restore();
        var restoredAt = TimeProvider.System.GetUtcNow();
        await WaitForEveryReplyAsync(api, bot, Owners, TimeSpan.FromSeconds(60));
        await api.WaitForAsync(calls => Enumerable.Range(0, Owners).All(i => calls.Any(c => c.Succeeded && c.Text == "通知 " + i.ToString(CultureInfo.InvariantCulture))), TimeSpan.FromSeconds(30));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outage {Outage.TotalSeconds} s: all caught up {(TimeProvider.System.GetUtcNow() - restoredAt).TotalSeconds:0.0} s after Telegram came back, {Duplicates(api)} duplicate(s)"));

        await AssertAppliedOnceAsync(bot, Owners, extraForOwnerZero: 0);
        // A send whose connection is cut after "Telegram" carried it out but before its answer arrived is retried: at
        // most that one send in flight repeats.
        Assert.InRange(Duplicates(api), 0, 1);
        AssertNoToken(bot);
    }

    private static void ShortClientTimeout(IServiceCollection services) =>
        services.AddHttpClient(TelegramSetup.HttpClientName).ConfigureHttpClient(c => c.Timeout = ClientTimeout);

    private static async Task WaitForEveryReplyAsync(FakeBotApiServer api, BotTestHost bot, int owners, TimeSpan timeout)
    {
        await api.WaitForAsync(
            calls => Enumerable.Range(0, owners).All(i => calls.Any(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == ReliabilityPlan.ChatOf(i))),
            timeout);
        await bot.WaitForDatabaseAsync(
            async db => !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending) && !await db.Inbox.AnyAsync(e => e.State != InboxState.Processed),
            timeout,
            "inbox and outbox drained");
    }

    /// <summary>Each owner's update made one history row; owner 0 may have sent <paramref name="extraForOwnerZero"/> more.</summary>
    private static async Task AssertAppliedOnceAsync(BotTestHost bot, int owners, int extraForOwnerZero)
    {
        await using var db = bot.CreateDbContext();
        var rows = await db.ProgressUpdates.AsNoTracking().Include(u => u.Member!.Contacts).Where(u => u.Kind == UpdateKind.Progress).ToListAsync();
        for (var i = 0; i < owners; i++)
        {
            var expected = i == 0 ? 1 + extraForOwnerZero : 1;
            Assert.Equal(expected, rows.Count(r => r.Member!.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ReliabilityPlan.ChatOf(i)))));
        }

        Assert.Equal(await db.Inbox.CountAsync(), await db.Inbox.CountAsync(e => e.State == InboxState.Processed));
    }

    /// <summary>Messages Telegram accepted more than once (same chat, same text).</summary>
    private static int Duplicates(FakeBotApiServer api) =>
        api.SentMessages.GroupBy(c => (c.ChatId, c.Text)).Sum(g => g.Count() - 1);

    private static void AssertNoToken(BotTestHost bot)
    {
        var secret = FakeBotApiServer.Token.Split(':')[1];
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains(secret, StringComparison.Ordinal));
    }
}
