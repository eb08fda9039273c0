using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Scheduling;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// Figure 2: one reminder scan for owners whose tasks are all overdue, sent through the outbox against a fake that
/// answers 429 beyond 30 messages/s overall or 1/s per chat, as Telegram does, over the run's network.
/// </summary>
public static class FanoutBench
{
    private const double Limit = 30;

    public static async Task RunAsync(BenchOptions options)
    {
        // 3,000 owners, a district bureau's morning: 100 s of sending at 30/s, so the formula's extra second weighs 1 %
        // (its cap at exactly 30/s is 0.990; with 1,000 owners it was 0.972 and hid 2 % of any sender's rate).
        var owners = options.Quick ? 150 : 3000;
        Console.WriteLine();
        Console.WriteLine($"## 2. Reminder fan-out at the limit: {owners} owners with an overdue task each, fake enforcing 30/s overall and 1/s per chat; {options.Network}");

        await using var api = await FakeBotApiServer.StartAsync();
        api.EnforceLimits = true;
        options.Apply(api);
        using var database = new TempDatabase();
        await using var bot = await BotTestHost.StartAsync(api, options =>
        {
            database.Configure(options);
            options.Settings["Logging:LogLevel:Default"] = "Warning";
            // The figure is one reminder per owner: the 督办单 each overdue task would also bring (the scan's light
            // watch) would double the sends and be counted as repeats. Notices go through the same outbox and sender.
            options.Settings["PlanBot:Notices:Enabled"] = "false";
        });

        var today = bot.Services.GetRequiredService<PlanClock>().Today;
        HashSet<long> chats;
        await using (var db = bot.CreateDbContext())
        {
            var members = await LoadWorld.ArrangeAsync(db, owners, today, today.AddDays(-60), today.AddDays(-1));
            chats = members.Select(m => m.ChatId).ToHashSet();
        }

        var scanWatch = System.Diagnostics.Stopwatch.StartNew();
        ReminderScanResult scan;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            scan = await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
        }

        scanWatch.Stop();
        bool IsReminder(ApiCall c) => c.Method == "sendMessage" && c.ChatId is { } chat && chats.Contains(chat);
        // Generous: a sender one message per round trip manages ~10/s over 100 ms.
        var drainTimeout = TimeSpan.FromSeconds((owners / 5.0) + 60);
        await api.WaitForAsync(cs => cs.Count(c => c.Succeeded && IsReminder(c)) >= scan.Reminders, drainTimeout);
        await bot.WaitForDatabaseAsync(db => db.Outbox.AllAsync(o => o.State != OutboxState.Pending), TimeSpan.FromSeconds(30), "outbox drained");

        var calls = api.Calls;
        var sent = calls.Where(c => c.Succeeded && IsReminder(c)).OrderBy(c => c.At).ToList();
        var tooMany = calls.Count(c => c.StatusCode == 429);
        var perChat = sent.GroupBy(c => c.ChatId).ToDictionary(g => g.Key!.Value, g => g.Count());
        var exactlyOnce = perChat.Count == owners && perChat.Values.All(n => n == 1);
        // Sending time: first send to last plus the last one's second, so a burst into the first window is not counted twice.
        var seconds = (sent[^1].At - sent[0].At).TotalSeconds + 1;
        var rate = sent.Count / seconds;
        Console.WriteLine($"scan: {scan.Reminders} reminders to {scan.OwnersReminded} owners queued in {scanWatch.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"sent {sent.Count} in {seconds:F1} s (first to last + 1 s) = {rate:F2} msg/s");
        Console.WriteLine($"RESULT rate share of 30/s = {rate / Limit:F3} (target ≥ 0.95: {(rate / Limit >= 0.95 ? "met" : "NOT met")}); "
            + $"429s = {tooMany} (target 0: {(tooMany == 0 ? "met" : "NOT met")}); "
            + $"each owner exactly once: {(exactlyOnce ? "yes" : $"NO ({perChat.Count} chats, max {perChat.Values.DefaultIfEmpty().Max()} each)")}; {options.Network}");
    }
}
