using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Chat;
using PlanBot.Chat.Buttons;
using PlanBot.Clock;
using PlanBot.Inbox;
using PlanBot.Invites;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Telegram;
using PlanBot.Tests.Chat;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;
using Telegram.Bot;
using Telegram.Bot.Types;
using Xunit.Abstractions;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// 10,000 random and malformed updates through the real inbound path — Telegram's JSON read as the receivers read
/// it, stored by <see cref="InboxStore"/> in batches as polling does, applied by the real <see cref="InboxProcessor"/>
/// and chat router on SQLite — then the database's invariants.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20240617;
    private const int Updates = 10_000;

    /// <summary>Who writes: an owner, a supervisor, a stranger and unknown users. Owner B and the admin never do, so their tasks must not change.</summary>
    private static readonly long[] Senders = [ChatHarness.OwnerA, ChatHarness.Supervisor, ChatHarness.Stranger, 700_001, 700_002];

    /// <summary>Groups everyone above but the supervisor writes in: nobody can /subscribe them, so no plan data may ever go there.</summary>
    private static readonly long[] Groups = [-100_001, -100_002];

    [Fact]
    public async Task Ten_thousand_random_updates_break_nothing_and_change_only_what_members_may_change()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateTimeOffset(2024, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));
        await using (var db = database.CreateContext())
        {
            await ChatHarness.SeedAsync(db, start.UtcDateTime);
            // Earlier history that must survive untouched (append-only).
            foreach (var task in await db.Tasks.ToListAsync())
            {
                db.ProgressUpdates.Add(new ProgressUpdate { TaskId = task.Id, MemberId = task.OwnerId, AtUtc = start.UtcDateTime.AddDays(-3), Kind = UpdateKind.Progress, Percent = 10, Channel = UpdateChannel.Command });
            }

            await db.SaveChangesAsync();
        }

        var logs = new CapturedLogs();
        await using var services = Services(database, start, logs);
        var before = await StateAsync(database, ownerB: true);
        var earlierHistory = await HistoryTextAsync(database);
        var fuzzer = new UpdateFuzzer(Seed, Senders, Groups, await ValidButtonDataAsync(services, database), new HashSet<long> { ChatHarness.Supervisor });

        var processor = services.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        await processor.StartAsync(CancellationToken.None);
        var refused = 0;
        var stored = 0;
        var batch = new List<InboundMessage>();
        for (var i = 0; i < Updates; i++)
        {
            // What the webhook does with a body (400 for unreadable JSON); polling gets the same objects from getUpdates.
            Update? update;
            try
            {
                update = JsonSerializer.Deserialize<Update>(fuzzer.Next(), JsonBotAPI.Options);
            }
            catch (JsonException)
            {
                update = null;
            }

            if (update is null)
            {
                refused++;
                continue;
            }

            batch.Add(UpdateMapper.Map(update));
            if (batch.Count == 100)
            {
                stored += await StoreAsync(services, batch);
            }
        }

        stored += await StoreAsync(services, batch);
        await WaitForInboxAsync(database, TimeSpan.FromSeconds(150));
        await processor.StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();

        await using var check = database.CreateContext();
        var failed = await check.Inbox.Where(e => e.State != InboxState.Processed).Select(e => e.UpdateId + " " + e.Error).ToListAsync();
        var historyRows = await check.ProgressUpdates.CountAsync();
        var outboxRows = await check.Outbox.CountAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz seed {Seed}: {Updates} updates, {refused} unreadable (webhook 400), {stored} stored and processed, {historyRows} history rows, {outboxRows} outbox rows, {clock.Elapsed.TotalSeconds:0.0} s"));

        Assert.Empty(failed);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.InRange(refused, 1, Updates / 5);

        // Owner B's tasks and every member but the writers are as they were.
        Assert.Equal(before, await StateAsync(database, ownerB: true));
        // History only grows: the earlier rows are intact, and every new row is by owner A on owner A's tasks, or a
        // supervisor's decision on one of them.
        Assert.StartsWith(earlierHistory, await HistoryTextAsync(database), StringComparison.Ordinal);
        var ownerA = await check.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerA)));
        var supervisor = await check.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.Supervisor)));
        var ownerATasks = await check.Tasks.Where(t => t.OwnerId == ownerA.Id).Select(t => t.Id).ToListAsync();
        var newRows = await check.ProgressUpdates.Where(u => u.AtUtc > start.UtcDateTime.AddDays(-1)).ToListAsync();
        Assert.All(newRows, u =>
        {
            Assert.Contains(u.TaskId, ownerATasks);
            Assert.True(u.MemberId == ownerA.Id || (u.MemberId == supervisor.Id && u.Kind is UpdateKind.ExtensionApproved or UpdateKind.ExtensionRefused),
                $"history row {u.Id} ({u.Kind}) by member {u.MemberId}");
        });
        Assert.All(await check.Tasks.ToListAsync(), t => Assert.InRange(t.ProgressPercent, 0, 100));
        Assert.Equal(5, await check.Members.CountAsync());

        await AssertOutboxWellFormedAsync(check, services.GetRequiredService<CallbackSigner>());
    }

    private static async Task AssertOutboxWellFormedAsync(PlanBotDbContext db, CallbackSigner signer)
    {
        var members = await db.Members.Where(m => m.ChatId != null).Select(m => m.ChatId!.Value).ToListAsync();
        Assert.DoesNotContain(await db.ChatSubscriptions.ToListAsync(), s => s.ChatId.Number < 0);
        var tasks = await db.Tasks.ToListAsync();
        var secrets = tasks.SelectMany(t => new[] { t.Title, System.Net.WebUtility.HtmlEncode(t.Title), t.Detail }).ToList();
        var writers = Senders.Concat(Groups).ToHashSet();
        foreach (var row in await db.Outbox.AsNoTracking().ToListAsync())
        {
            Assert.Contains(row.ChatId.Number!.Value, writers);
            Assert.True(row.AnswerCallbackQueryId is not null || row.Text.Length > 0 || row.AttachmentContent is not null, $"outbox row {row.Id} is empty");
            foreach (var button in row.Buttons().SelectMany(r => r))
            {
                Assert.NotNull(signer.Verify(button.Data));
            }

            if (!members.Contains(row.ChatId) && row.AnswerCallbackQueryId is null)
            {
                // Nobody outside the roster sees plan data.
                Assert.False(secrets.Any(s => row.Text.Contains(s, StringComparison.Ordinal)), $"plan data to non-member chat {row.ChatId}: {row.Text}");
                Assert.Null(row.TaskId);
                Assert.Empty(row.Buttons());
            }
        }
    }

    private static ServiceProvider Services(TestDatabase database, DateTimeOffset start, CapturedLogs logs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
                ["Telegram:BotUsername"] = FakeBotApiServer.BotUsername,
                ["PlanBot:Scheduler:Enabled"] = "false",
            })
            .Build();
        // Pooled connections, as the app's own are: opening SQLite afresh for each of 10,000 scopes would dominate the run.
        var connectionString = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ToString();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new ShiftedTimeProvider(TimeProvider.System, start))
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        collection.AddPlanClock().AddPlanRules();
        collection.AddDbContext<PlanBotDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new NoSyncConnections()));
        // The chat with every service its commands use, as the app registers them (the scheduler off).
        collection.AddInvites().AddOutbox().AddReports().AddScheduling(configuration, RunMode.Console);
        collection.AddChat();
        collection.AddInbox();
        return collection.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Real, signed buttons for every task and action: pressed by the wrong person they are replays.</summary>
    private static async Task<List<string>> ValidButtonDataAsync(IServiceProvider services, TestDatabase database)
    {
        var signer = services.GetRequiredService<CallbackSigner>();
        await using var db = database.CreateContext();
        var data = new List<string>();
        foreach (var id in await db.Tasks.Select(t => t.Id).ToListAsync())
        {
            data.AddRange(new[]
            {
                new CallbackAction(CallbackVerb.Percent, id, 50), new CallbackAction(CallbackVerb.Percent, id, 100), new CallbackAction(CallbackVerb.Done, id),
                new CallbackAction(CallbackVerb.Blocked, id), new CallbackAction(CallbackVerb.Extend, id),
                new CallbackAction(CallbackVerb.Approve, id, Deadline: new DateOnly(2025, 1, 31)), new CallbackAction(CallbackVerb.Refuse, id, Deadline: new DateOnly(2025, 1, 31)),
            }.Select(a => signer.Sign(a.ToPayload())));
        }

        return data;
    }

    private static async Task<int> StoreAsync(IServiceProvider services, List<InboundMessage> batch)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var added = await InboxStore.StoreAsync(db, batch, TimeProvider.System.GetUtcNow().UtcDateTime, nextOffset: batch.Count == 0 ? null : batch.Max(m => m.UpdateId) + 1, CancellationToken.None);
        batch.Clear();
        services.GetRequiredService<InboxSignal>().Pulse();
        return added;
    }

    private static async Task WaitForInboxAsync(TestDatabase database, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                // A failed entry ends the wait at once: the assertions after it report the error.
                if (!await db.Inbox.AnyAsync(e => e.State == InboxState.Pending) || await db.Inbox.AnyAsync(e => e.State == InboxState.Failed || e.Attempts > 0 && e.State == InboxState.Pending))
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The inbox processor did not finish in time.");
            // Poll interval of a bounded wait on a condition.
            await Task.Delay(200);
        }
    }

    /// <summary>Owner B's tasks (nobody who may change them writes) and the members' identities.</summary>
    private static async Task<string> StateAsync(TestDatabase database, bool ownerB)
    {
        await using var db = database.CreateContext();
        var ownerBId = await db.Members.Where(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerB))).Select(m => m.Id).SingleAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(t => !ownerB || t.OwnerId == ownerBId).OrderBy(t => t.Id).ToListAsync();
        var members = await db.Members.AsNoTracking().Include(m => m.Contacts).OrderBy(m => m.Id).ToListAsync();
        return string.Join('\n', tasks.Select(t => $"{t.Code}|{t.ProgressPercent}|{t.Status}|{t.Deadline}|{t.LastUpdateAtUtc:O}|{t.OwnerId}"))
            + "\n" + string.Join('\n', members.Select(m => $"{m.Id}|{m.Name}|{m.Roles}|{m.Ids()}|{m.ChatId}"));
    }

    private static async Task<string> HistoryTextAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var rows = await db.ProgressUpdates.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        return string.Concat(rows.Select(u => $"{u.Id}|{u.TaskId}|{u.MemberId}|{u.Kind}|{u.Percent}|{u.AtUtc:O}\n"));
    }

    /// <summary>
    /// No fsync per commit: this test is about what the code does with bad input, not about surviving power cuts (the
    /// crash tests run with the app's own settings), and 10,000 synced commits would take most of a minute.
    /// </summary>
    private sealed class NoSyncConnections : DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=OFF;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
