using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanBot.Outbox;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBotBench;

/// <summary>
/// Figure 1: the real host and two yardsticks — a bare echo bot (no storage: the upper bound) and a durable echo bot
/// (PlanBot's commits in raw ADO.NET) — each against its own fake Bot API, under the same mixed load, in one run.
/// Saturated: every member has one update waiting (throughput). Light: a few members at a time (latency when not queued).
/// All three run inside this process, with the fakes and the driver: CPU per update is this process's CPU time over
/// the saturated run, so it includes the fake's and the driver's share, which is the same for the three.
/// </summary>
public static class ThroughputBench
{
    private const int LightConcurrency = 4;

    /// <summary>A member's task card as the bot sent it: replies and button presses refer to it.</summary>
    private sealed record Card(long MessageId, string CallbackData);

    /// <summary>What one bot did under the load: both runs, and its CPU per update in the saturated one.</summary>
    private sealed record Measured(LoadResult Saturated, LoadResult Light, double CpuMsPerUpdate);

    public static async Task RunAsync(BenchOptions options)
    {
        var memberCount = options.Quick ? 100 : 1000;
        // Over a network PlanBot answers some ten updates a second before its sender sends in parallel: fewer updates
        // per chat keep the run in minutes (the roster, the plan and the number of chats waiting stay the same).
        var perChat = options.OverNetwork ? 2 : options.Quick ? 5 : 20;
        var lightPerChat = options.OverNetwork && !options.Quick ? 1 : 2;
        Console.WriteLine();
        Console.WriteLine($"## 1. Update throughput and latency: {memberCount} members × {perChat} = {memberCount * perChat} mixed updates (/my, /task, /progress, reply with progress, 25/50/75% button); {options.Network}");

        var (planBot, callbackData) = await PlanBotAsync(options, memberCount, perChat, lightPerChat);
        var durable = await EchoAsync(options, memberCount, perChat, lightPerChat, callbackData, durable: true);
        var bare = await EchoAsync(options, memberCount, perChat, lightPerChat, callbackData, durable: false);

        foreach (var (name, measured) in new[] { ("PlanBot     ", planBot), ("durable echo", durable), ("bare echo   ", bare) })
        {
            Console.WriteLine($"{name} saturated ({memberCount} chats waiting): {measured.Saturated.Summary}; CPU {measured.CpuMsPerUpdate:F2} ms/update");
            Console.WriteLine($"{name} light ({LightConcurrency} chats waiting):      {measured.Light.Summary}");
        }

        var toDurable = planBot.Saturated.PerSecond / durable.Saturated.PerSecond;
        var toBare = planBot.Saturated.PerSecond / bare.Saturated.PerSecond;
        Console.WriteLine($"RESULT throughput PlanBot/durable echo = {toDurable:F3} (target ≥ 0.5: {(toDurable >= 0.5 ? "met" : "NOT met")}), "
            + $"PlanBot/bare echo = {toBare:F3}; CPU per update PlanBot {planBot.CpuMsPerUpdate:F2} ms, durable echo {durable.CpuMsPerUpdate:F2} ms, bare echo {bare.CpuMsPerUpdate:F2} ms "
            + $"(this process: bot, fake and driver); {options.Network}");
        var light = planBot.Light;
        Console.WriteLine($"RESULT light latency p95 {light.P(95):F1} ms"
            + (options.OverNetwork ? $", without the network {light.BotP(95):F1} ms" : "")
            + $" (target ≤ 50 ms{(options.OverNetwork ? " for the bot's share" : "")}: {(light.BotP(95) <= 50 ? "met" : "NOT met")}); saturated p95 {planBot.Saturated.P(95):F1} ms");
        foreach (var (kind, p95) in ByKind(planBot.Saturated))
        {
            Console.WriteLine($"  PlanBot saturated p95 by kind: {kind} {p95}");
        }
    }

    private static async Task<(Measured Measured, Dictionary<long, string> CallbackData)> PlanBotAsync(
        BenchOptions options, int memberCount, int perChat, int lightPerChat)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        using var database = new TempDatabase();
        await using var bot = await BotTestHost.StartAsync(api, options =>
        {
            database.Configure(options);
            options.Settings["Logging:LogLevel:Default"] = "Information";
            options.Settings["PlanBot:CallbackSecret"] = "bench-callback-secret";
            options.Services = services =>
            {
                services.RemoveAllKeyed<ISendRateLimiter>(nameof(Channel.Telegram));
                services.AddKeyedSingleton<ISendRateLimiter>(nameof(Channel.Telegram), new TelegramRateLimiter(new LeapingClock()));
            };
        });

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        IReadOnlyList<LoadMember> members;
        await using (var db = bot.CreateDbContext())
        {
            members = await LoadWorld.ArrangeAsync(db, memberCount, today, today.AddDays(-30), today.AddDays(60));
        }

        var byChat = members.ToDictionary(m => m.ChatId);
        var chats = members.Select(m => m.ChatId).ToList();
        var driver = new LoadDriver(api);

        // Warm-up (not counted): every member asks for their card; its message id and a percent button are what the load uses.
        var warmUp = await driver.RunAsync(chats, 1, memberCount, (chat, _) => api.EnqueueText(chat, chat, "/task " + byChat[chat].TaskCode));
        var cards = warmUp.Updates.ToDictionary(u => u.ChatId, u => new Card(u.Answer.MessageId ?? 0, PercentButton(u.Answer)));
        long Send(long chat, int k) => SendMixed(api, chat, k, byChat[chat].TaskCode, cards[chat]);

        // The warm-up is not measured and runs on loopback; from here on the fake answers over the run's network.
        await NetworkOnAsync(options, api);
        var (saturated, cpu) = await SaturatedAsync(driver, chats, perChat, Send);
        await PrintStagesAsync(bot, "saturated");
        var light = await driver.RunAsync(chats, lightPerChat, LightConcurrency, (chat, k) => Send(chat, perChat + k));
        await PrintStagesAsync(bot, "light", since: saturated.Updates.Max(u => u.Answer.At).UtcDateTime);
        return (new Measured(saturated, light, cpu), cards.ToDictionary(c => c.Key, c => c.Value.CallbackData));
    }

    private static async Task<Measured> EchoAsync(
        BenchOptions options, int memberCount, int perChat, int lightPerChat, Dictionary<long, string> callbackData, bool durable)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        using var database = new TempDatabase();
        using var stop = new CancellationTokenSource();
        var echo = Task.Run(() => durable
            ? new DurableEchoBot(FakeBotApiServer.Token, api.BaseUrl, database.Path, options.EchoSynchronous).RunAsync(stop.Token)
            : BareEchoBot.RunAsync(FakeBotApiServer.Token, api.BaseUrl, stop.Token));
        try
        {
            var chats = Enumerable.Range(0, memberCount).Select(i => LoadWorld.FirstChatId + i).ToList();
            var codes = chats.Select((c, i) => (c, LoadWorld.Code(i))).ToDictionary(x => x.c, x => x.Item2);
            var driver = new LoadDriver(api);
            var warmUp = await driver.RunAsync(chats, 1, memberCount, (chat, _) => api.EnqueueText(chat, chat, "/task " + codes[chat]));
            var cards = warmUp.Updates.ToDictionary(u => u.ChatId, u => new Card(u.Answer.MessageId ?? 0, callbackData[u.ChatId]));
            long Send(long chat, int k) => SendMixed(api, chat, k, codes[chat], cards[chat]);

            await NetworkOnAsync(options, api);
            var (saturated, cpu) = await SaturatedAsync(driver, chats, perChat, Send);
            var light = await driver.RunAsync(chats, lightPerChat, LightConcurrency, (chat, k) => Send(chat, perChat + k));
            return new Measured(saturated, light, cpu);
        }
        finally
        {
            await stop.CancelAsync();
            await echo;
        }
    }

    /// <summary>
    /// Turns the run's network on, and returns once the bot polls over it: the long poll already waiting was sent over
    /// loopback and would serve the first updates without the network's way back (each bot polls with a 1 s timeout).
    /// </summary>
    private static async Task NetworkOnAsync(BenchOptions options, FakeBotApiServer api)
    {
        if (!options.OverNetwork)
        {
            return;
        }

        var from = api.Calls.Count;
        options.Apply(api);
        await api.WaitForAsync(cs => cs.Skip(from).Count(c => c.Method == "getUpdates") >= 2, TimeSpan.FromSeconds(10));
    }

    /// <summary>The saturated run, and this process's CPU time over it per update.</summary>
    private static async Task<(LoadResult Result, double CpuMsPerUpdate)> SaturatedAsync(
        LoadDriver driver, List<long> chats, int perChat, Func<long, int, long> send)
    {
        var before = CpuTime();
        var result = await driver.RunAsync(chats, perChat, chats.Count, send);
        return (result, (CpuTime() - before).TotalMilliseconds / result.Updates.Count);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Where the time goes inside PlanBot: inbox (stored → processed) and outbox (written → sent), medians and p95.</summary>
    private static async Task PrintStagesAsync(BotTestHost bot, string run, DateTime? since = null)
    {
        await using var db = bot.CreateDbContext();
        var from = since ?? DateTime.MinValue;
        var inbox = (await db.Inbox.AsNoTracking().Where(e => e.ReceivedAtUtc >= from && e.ProcessedAtUtc != null)
                .Select(e => new { e.ReceivedAtUtc, e.ProcessedAtUtc }).ToListAsync())
            .Select(e => (e.ProcessedAtUtc!.Value - e.ReceivedAtUtc).TotalMilliseconds).ToList();
        var outbox = (await db.Outbox.AsNoTracking().Where(o => o.CreatedAtUtc >= from && o.SentAtUtc != null)
                .Select(o => new { o.CreatedAtUtc, o.SentAtUtc }).ToListAsync())
            .Select(o => (o.SentAtUtc!.Value - o.CreatedAtUtc).TotalMilliseconds).ToList();
        Console.WriteLine($"  PlanBot {run} stages: inbox stored→processed median {Stats.Median(inbox):F1} ms, p95 {Stats.Percentile(inbox, 95):F1} ms; "
            + $"outbox written→sent median {Stats.Median(outbox):F1} ms, p95 {Stats.Percentile(outbox, 95):F1} ms");
    }

    /// <summary>Update k of a chat, cycling through the five kinds a member sends.</summary>
    private static long SendMixed(FakeBotApiServer api, long chat, int k, string code, Card card)
    {
        var percent = (5 + (k * 7) + (int)(chat % 13)) % 95 + 1;
        return (k % 5) switch
        {
            0 => api.EnqueueText(chat, chat, "/my"),
            1 => api.EnqueueText(chat, chat, "/task " + code),
            2 => api.EnqueueText(chat, chat, $"/progress {code} {percent.ToString(CultureInfo.InvariantCulture)}"),
            3 => api.EnqueueText(chat, chat, $"{percent.ToString(CultureInfo.InvariantCulture)} 推进中", replyToMessageId: card.MessageId),
            _ => api.EnqueueCallback(chat, chat, card.MessageId, card.CallbackData),
        };
    }

    private static string PercentButton(ApiCall card) =>
        card.ReplyMarkup?["inline_keyboard"]?.AsArray()
            .SelectMany(row => row!.AsArray())
            .Select(b => (string?)b!["callback_data"])
            .FirstOrDefault(d => d is not null && d.StartsWith("p:", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("The task card carries no percent button: " + card.Text);

    private static IEnumerable<(string Kind, string P95)> ByKind(LoadResult result) =>
        result.Updates
            .GroupBy(u => u.Answer.Method)
            .Select(g => (g.Key, $"{Stats.Percentile(g.Select(u => u.LatencyMs).ToList(), 95):F1} ms ({g.Count()} answers)"));
}
