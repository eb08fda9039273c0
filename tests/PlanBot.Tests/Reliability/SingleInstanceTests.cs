using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.Cli;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;
using Xunit.Abstractions;
using PlanBot.Chat;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// One bot per database: a second bot process on the same SQLite file refuses to start, naming the one that holds it,
/// while CLI verbs still work beside the bot; and, independently of that lease, two workers on one database never
/// handle the same inbox entry or outbox row (the conditional claims a multi-instance deployment stands on).
/// </summary>
public sealed class SingleInstanceTests(ITestOutputHelper output)
{
    private const int Updates = 39;
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_second_bot_on_the_same_database_refuses_to_start_and_every_update_applies_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await ReliabilityPlan.SeedAsync(db, Updates, overdue: false);
        }

        await using var api = await FakeBotApiServer.StartAsync();
        var settings = ReliabilityPlan.ProcessSettings(api.BaseUrl, database.ConnectionString);
        await using var first = BotProcess.Start(settings);
        await api.WaitForCallAsync("getUpdates", timeout: Finish);

        await using var second = BotProcess.Start(settings);
        var exitCode = await second.WaitForExitAsync(Finish);

        Assert.Equal(1, exitCode);
        var refusal = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(refusal, l => l.Contains("in use by another PlanBot", StringComparison.Ordinal));
        Assert.Contains(Path.GetFullPath(database.Path), line, StringComparison.Ordinal);
        Assert.Contains($"process {first.Id} ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(refusal, l => l.StartsWith("at ", StringComparison.Ordinal));

        // A CLI verb works beside the running bot.
        var verb = await new CliRunner(database).RunAsync("tasks", "list");
        Assert.Equal(0, verb.ExitCode);
        Assert.Contains(ReliabilityPlan.CodeOf(0), verb.Out, StringComparison.Ordinal);

        for (var i = 0; i < Updates; i++)
        {
            api.EnqueueText(ReliabilityPlan.ChatOf(i), ReliabilityPlan.ChatOf(i), $"/progress {ReliabilityPlan.CodeOf(i)} {40 + i} 第{i}次");
        }

        await api.WaitForAsync(calls => Replies(calls).Count == Updates, Finish);
        await first.KillAsync();

        await using var check = database.CreateContext();
        var history = await check.ProgressUpdates.CountAsync(u => u.Kind == UpdateKind.Progress);
        var sends = Replies(api.Calls).Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"two bots on one file: second exited {exitCode}; {Updates} /progress updates → {history} history rows, {sends} replies ({(double)history / Updates:0.##} and {(double)sends / Updates:0.##} per update)"));
        Assert.Equal(Updates, history);
        Assert.Equal(Updates, sends);
    }

    [Fact]
    public async Task Two_outbox_senders_on_one_database_send_every_row_once()
    {
        const int Rows = 120;
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await BotTestHost.StartAsync(api);
        // A second loop over the same channel, as a second process would run (sharing the limiter keeps the fake's limits).
        var lane = new OutboxLane(nameof(Channel.Telegram));
        var second = ActivatorUtilities.CreateInstance<OutboxSender>(bot.Services, lane, bot.Services.GetRequiredKeyedService<ISendRateLimiter>(lane.Name));
        await second.StartAsync(CancellationToken.None);
        try
        {
            await using (var db = bot.CreateDbContext())
            {
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                db.Enqueue(now, Enumerable.Range(0, Rows).Select(i => new OutgoingMessage(7_000_000 + i, $"消息 {i}")));
                await db.SaveChangesAsync();
            }

            bot.Services.GetRequiredService<OutboxSignal>().Pulse();
            await bot.WaitForDatabaseAsync(async db => !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending), Finish, "every row sent");
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
            second.Dispose();
        }

        var perChat = api.Calls.Where(c => c.Method == "sendMessage" && c.Succeeded).GroupBy(c => c.ChatId).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.Equal(Rows, perChat.Count);
        Assert.All(perChat.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Two_inbox_processors_on_one_database_apply_every_update_once()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"planbot-two-processors-{Guid.NewGuid():N}.db");
        try
        {
            await using var bot = await BotTestHost.StartAsync(api, o => o.DatabasePath = path);
            await using (var db = bot.CreateDbContext())
            {
                await ReliabilityPlan.SeedAsync(db, Updates, overdue: false);
            }

            var second = ActivatorUtilities.CreateInstance<InboxProcessor>(bot.Services);
            await second.StartAsync(CancellationToken.None);
            try
            {
                for (var i = 0; i < Updates; i++)
                {
                    api.EnqueueText(ReliabilityPlan.ChatOf(i), ReliabilityPlan.ChatOf(i), $"/progress {ReliabilityPlan.CodeOf(i)} {40 + i}");
                }

                await bot.WaitForDatabaseAsync(
                    async db => await db.Inbox.CountAsync(e => e.State == InboxState.Processed) == Updates, Finish, "every update processed");
            }
            finally
            {
                await second.StopAsync(CancellationToken.None);
                second.Dispose();
            }

            await using var check = bot.CreateDbContext();
            Assert.Equal(Updates, await check.ProgressUpdates.CountAsync(u => u.Kind == UpdateKind.Progress));
            var owners = Enumerable.Range(0, Updates).Select(i => ChatAddress.Telegram(ReliabilityPlan.ChatOf(i))).ToList();
            Assert.Equal(Updates, await check.Outbox.CountAsync(o => owners.Contains(o.ChatId)));
        }
        finally
        {
            BotTestHost.DeleteDatabase(path);
        }
    }

    private static Dictionary<long, int> Replies(IEnumerable<ApiCall> calls) =>
        calls.Where(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId >= ReliabilityPlan.ChatOf(0) && c.ChatId < ReliabilityPlan.ChatOf(Updates))
            .GroupBy(c => c.ChatId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
}
