using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanBot.Outbox;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// Figure 1: the real host and a bare echo bot, each against its own fake Bot API, under the same mixed load.
/// Saturated: every member has one update waiting (throughput). Light: a few members at a time (latency when not queued).
/// </summary>
public static class ThroughputBench
{
    private const int LightConcurrency = 4;

    /// <summary>A member's task card as the bot sent it: replies and button presses refer to it.</summary>
    private sealed record Card(long MessageId, string CallbackData);

    public static async Task RunAsync(bool quick)
    {
        var memberCount = quick ? 100 : 1000;
        var perChat = quick ? 5 : 20;
        var lightPerChat = 2;
        Console.WriteLine();
        Console.WriteLine($"## 1. Update throughput and latency: {memberCount} members × {perChat} = {memberCount * perChat} mixed updates (/my, /task, /progress, reply with progress, 25/50/75% button)");

        var (planBot, planBotLight, callbackData) = await PlanBotAsync(memberCount, perChat, lightPerChat);
        var (echo, echoLight) = await EchoAsync(memberCount, perChat, lightPerChat, callbackData);

        Console.WriteLine($"PlanBot  saturated ({memberCount} chats waiting): {planBot.Summary}");
        Console.WriteLine($"PlanBot  light ({LightConcurrency} chats waiting):      {planBotLight.Summary}");
        Console.WriteLine($"echo bot saturated ({memberCount} chats waiting): {echo.Summary}");
        Console.WriteLine($"echo bot light ({LightConcurrency} chats waiting):      {echoLight.Summary}");
        var ratio = planBot.PerSecond / echo.PerSecond;
        Console.WriteLine($"RESULT throughput PlanBot/echo = {ratio:F2} (target ≥ 0.5: {(ratio >= 0.5 ? "met" : "NOT met")}); "
            + $"p95 saturated {planBot.P(95):F1} ms, light {planBotLight.P(95):F1} ms (target ≤ 50 ms)");
        foreach (var (kind, p95) in ByKind(planBot))
        {
            Console.WriteLine($"  PlanBot saturated p95 by kind: {kind} {p95}");
        }
    }

    private static async Task<(LoadResult Saturated, LoadResult Light, Dictionary<long, string> CallbackData)> PlanBotAsync(
        int memberCount, int perChat, int lightPerChat)
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
                services.RemoveAll<ISendRateLimiter>();
                services.AddSingleton<ISendRateLimiter>(new TelegramRateLimiter(new LeapingClock()));
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

        var saturated = await driver.RunAsync(chats, perChat, memberCount, Send);
        await PrintStagesAsync(bot, "saturated");
        var light = await driver.RunAsync(chats, lightPerChat, LightConcurrency, (chat, k) => Send(chat, perChat + k));
        await PrintStagesAsync(bot, "light", since: saturated.Updates.Max(u => u.Answer.At).UtcDateTime);
        return (saturated, light, cards.ToDictionary(c => c.Key, c => c.Value.CallbackData));
    }

    private static async Task<(LoadResult Saturated, LoadResult Light)> EchoAsync(
        int memberCount, int perChat, int lightPerChat, Dictionary<long, string> callbackData)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        using var stop = new CancellationTokenSource();
        var echo = Task.Run(() => BareEchoBot.RunAsync(FakeBotApiServer.Token, api.BaseUrl, stop.Token));
        try
        {
            var chats = Enumerable.Range(0, memberCount).Select(i => LoadWorld.FirstChatId + i).ToList();
            var codes = chats.Select((c, i) => (c, LoadWorld.Code(i))).ToDictionary(x => x.c, x => x.Item2);
            var driver = new LoadDriver(api);
            var warmUp = await driver.RunAsync(chats, 1, memberCount, (chat, _) => api.EnqueueText(chat, chat, "/task " + codes[chat]));
            var cards = warmUp.Updates.ToDictionary(u => u.ChatId, u => new Card(u.Answer.MessageId ?? 0, callbackData[u.ChatId]));
            long Send(long chat, int k) => SendMixed(api, chat, k, codes[chat], cards[chat]);

            var saturated = await driver.RunAsync(chats, perChat, memberCount, Send);
            var light = await driver.RunAsync(chats, lightPerChat, LightConcurrency, (chat, k) => Send(chat, perChat + k));
            return (saturated, light);
        }
        finally
        {
            await stop.CancelAsync();
            await echo;
        }
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
