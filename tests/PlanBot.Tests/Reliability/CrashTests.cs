using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;
using Xunit.Abstractions;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// The bot as a separate process, killed the hard way in the middle of its work and started again on the same
/// database. What was due is delivered (at least once; a repeat only for a send caught between Telegram's answer and
/// the database write), and what Telegram was told we have is applied exactly once.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Owners = 1000;
    private const int ProgressUpdates = 300;
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Reminder_fan_out_killed_midway_reaches_every_owner_after_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await ReliabilityPlan.SeedAsync(db, Owners, overdue: true);
        }

        await using var api = await FakeBotApiServer.StartAsync();
        var settings = ReliabilityPlan.ProcessSettings(api.BaseUrl, database.ConnectionString);
        // A rehearsal starts calm (nothing due before its start is caught up), so its clock starts just before the
        // 09:00 scan, which then queues one message per owner; the restart reaches 09:00 again and finds them queued.
        settings["PlanBot:Clock:StartAt"] = new DateTimeOffset(2024, 6, 17, 8, 59, 58, ReliabilityPlan.Now.Offset).ToString("O", CultureInfo.InvariantCulture);
        // One message per owner is what is counted: the 督办单 the overdue tasks would also bring travel through the same
        // outbox (Supervision/NoticeTests follows them), and would only double the run.
        settings["PlanBot:Notices:Enabled"] = "false";
        // Answers take a network's while, so the kill finds several sends on their way at once.
        api.Inject("sendMessage", new Fault.Slow(TimeSpan.FromMilliseconds(100)));
        var clock = Stopwatch.StartNew();

        await using (var first = BotProcess.Start(settings))
        {
            await api.WaitForAsync(calls => SentReminders(calls) >= Owners * 2 / 5, Finish);
            await first.KillAsync();
            AssertNoToken(first.Output);
        }

        var atKill = SentReminders(api.Calls);
        Assert.InRange(atKill, 1, Owners - 1);

        await using (var second = BotProcess.Start(settings))
        {
            await api.WaitForAsync(calls => ReminderChats(calls).Count == Owners, Finish);
            await WaitForDrainedOutboxAsync(database);
            await second.KillAsync();
            AssertNoToken(second.Output);
        }

        var perChat = ReminderChats(api.Calls);
        var duplicates = perChat.Values.Sum(n => n - 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reminder fan-out: {Owners} owners, killed after {atKill} sends, {perChat.Count} reached, {duplicates} duplicate(s), {clock.Elapsed.TotalSeconds:0.0} s"));

        Assert.Equal(Owners, perChat.Count);
        // A send answered by Telegram but not yet recorded is the only window where a message can go twice: one kill
        // repeats at most one message per send in flight (docs/reliability.md).
        Assert.InRange(duplicates, 0, PlanBot.Telegram.TelegramMessageTransport.SendsInFlight);
        await using var check = database.CreateContext();
        Assert.Equal(Owners, await check.SentReminders.CountAsync());
        Assert.Equal(Owners, await check.Outbox.CountAsync(o => o.RecipientMemberId != null));
        Assert.Equal(Owners, await check.Outbox.CountAsync(o => o.State == OutboxState.Sent));
    }

    [Fact]
    public async Task Progress_burst_killed_midway_applies_every_acknowledged_update_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await ReliabilityPlan.SeedAsync(db, ProgressUpdates, overdue: false);
        }

        await using var api = await FakeBotApiServer.StartAsync();
        var updateIds = Enumerable.Range(0, ProgressUpdates)
            .Select(i => api.EnqueueText(ReliabilityPlan.ChatOf(i), ReliabilityPlan.ChatOf(i), $"/progress {ReliabilityPlan.CodeOf(i)} {40 + (i % 50)} 第{i}次"))
            .ToList();
        var settings = ReliabilityPlan.ProcessSettings(api.BaseUrl, database.ConnectionString);
        var clock = Stopwatch.StartNew();

        long acknowledgedAtKill;
        int appliedAtKill;
        await using (var first = BotProcess.Start(settings))
        {
            // Acknowledged = the bot asked for updates past it (Telegram then forgets it). Kill once half are and
            // replies are flowing, i.e. while updates are being applied.
            await api.WaitForAsync(
                calls => Acknowledged(calls, updateIds) >= ProgressUpdates / 2 && calls.Count(c => c.Method == "sendMessage" && c.Succeeded) >= 20,
                Finish);
            await first.KillAsync();
            acknowledgedAtKill = Acknowledged(api.Calls, updateIds);
            AssertNoToken(first.Output);
        }

        await using (var db = database.CreateContext())
        {
            appliedAtKill = await db.ProgressUpdates.CountAsync();
        }

        // Usually a few dozen are applied at the kill (the rest wait in the inbox); the lower bound is what the kill
        // condition guarantees, however fast the machine.
        Assert.True(appliedAtKill >= 1, "the kill came before any update was applied");

        await using (var second = BotProcess.Start(settings))
        {
            await api.WaitForAsync(calls => calls.Where(c => c.Method == "sendMessage" && c.Succeeded).Select(c => c.ChatId).Distinct().Count() == ProgressUpdates, Finish);
            await WaitForDrainedOutboxAsync(database);
            await second.KillAsync();
            AssertNoToken(second.Output);
        }

        await using var check = database.CreateContext();
        var history = await check.ProgressUpdates.AsNoTracking().Where(u => u.Kind == UpdateKind.Progress).ToListAsync();
        var tasks = await check.Tasks.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var replies = api.Calls.Where(c => c.Method == "sendMessage" && c.Succeeded).GroupBy(c => c.ChatId).ToDictionary(g => g.Key!.Value, g => g.Count());
        var duplicateReplies = replies.Values.Sum(n => n - 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress burst: {ProgressUpdates} updates, killed with {acknowledgedAtKill} acknowledged and {appliedAtKill} applied; after restart {history.Count} history rows, {duplicateReplies} duplicate repl(ies), {clock.Elapsed.TotalSeconds:0.0} s"));

        Assert.Equal(ProgressUpdates, await check.Inbox.CountAsync(e => e.State == InboxState.Processed));
        Assert.Equal(ProgressUpdates, history.Count);
        Assert.All(history.GroupBy(h => h.TaskId), g => Assert.Single(g));
        for (var i = 0; i < ProgressUpdates; i++)
        {
            var task = tasks.Values.Single(t => t.Code == ReliabilityPlan.CodeOf(i));
            Assert.Equal(40 + (i % 50), task.ProgressPercent);
        }

        Assert.Equal(ProgressUpdates, replies.Count);
        // At most one repeat per send in flight at the kill (docs/reliability.md).
        Assert.InRange(duplicateReplies, 0, PlanBot.Telegram.TelegramMessageTransport.SendsInFlight);
    }

    /// <summary>How many of <paramref name="updateIds"/> lie below the highest offset the bot has asked for.</summary>
    private static long Acknowledged(IEnumerable<ApiCall> calls, List<long> updateIds)
    {
        var offset = calls.Where(c => c.Method == "getUpdates")
            .Select(c => c.Parameters["offset"] is { } o ? (long)o : 0)
            .DefaultIfEmpty(0)
            .Max();
        return updateIds.Count(id => id < offset);
    }

    private static int SentReminders(IEnumerable<ApiCall> calls) =>
        calls.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId != ReliabilityPlan.AdminChat);

    private static Dictionary<long, int> ReminderChats(IEnumerable<ApiCall> calls) =>
        calls.Where(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId != ReliabilityPlan.AdminChat)
            .GroupBy(c => c.ChatId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());

    private static async Task WaitForDrainedOutboxAsync(TestDatabase database)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Finish;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                if (!await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending))
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The outbox was never drained.");
            // Poll interval of a bounded wait on a condition.
            await Task.Delay(100);
        }
    }

    private static void AssertNoToken(string processOutput)
    {
        Assert.False(string.IsNullOrWhiteSpace(processOutput), "The bot process wrote no log at all.");
        Assert.DoesNotContain(FakeBotApiServer.Token.Split(':')[1], processOutput, StringComparison.Ordinal);
    }
}
