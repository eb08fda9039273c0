using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Inbox;
using PlanBot.Storage;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Reliability;
using PlanBot.Tests.Support;
using Xunit.Abstractions;

namespace PlanBot.Tests.Inbox;

/// <summary>
/// Group commit on the way in: the inbox processor applies a backlog a batch per transaction, each update in a
/// savepoint, in update order; a failing update is undone alone and retried on its own; a receiver's store waits for
/// one batch at most. Every host starts on a database whose backlog was stored before it started.
/// </summary>
public sealed class GroupCommitTests(ITestOutputHelper output)
{
    private const long Chat = 4242;
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backlog_is_applied_in_order_with_one_commit_per_batch_not_per_update()
    {
        const int updates = 200;
        var texts = Enumerable.Range(0, updates).Select(i => $"m{i}").ToList();
        var commits = new InboxCommits();
        // Only the size bound ends a batch here, so the count does not depend on the machine's speed.
        var batching = new InboxBatching { Size = 50, Time = TimeSpan.FromMinutes(5) };
        await using var database = await BacklogAsync(texts);
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartAsync(api, database, services =>
        {
            services.AddSingleton(batching);
            services.ConfigureDbContext<PlanBotDbContext>(o => o.AddInterceptors(commits));
        });

        await bot.WaitForDatabaseAsync(async db => await db.Inbox.CountAsync(e => e.State == InboxState.Processed) == updates, Finish, "the backlog applied");

        await using var check = bot.CreateDbContext();
        Assert.Equal(texts, await BatchRouter.AppliedAsync(check));
        Assert.Equal(updates, commits.Claims);
        output.WriteLine($"{updates} updates applied in {commits.Commits} commits");
        Assert.Equal(updates / batching.Size, commits.Commits);
    }

    [Fact]
    public async Task An_update_that_fails_in_a_batch_is_undone_alone_retried_on_its_own_and_later_updates_wait_for_it()
    {
        string[] texts = ["a", "/bad", "b", "/own", "c", "/fail", "d"];
        await using var database = await BacklogAsync(texts);
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartAsync(api, database);

        await bot.WaitForDatabaseAsync(async db => !await db.Inbox.AnyAsync(e => e.State == InboxState.Pending), Finish, "every update applied or set aside");

        await using var check = bot.CreateDbContext();
        // "/bad" appended to the log and claimed its entry before its save failed: both undone, every time.
        Assert.Equal(["a", "b", "/own", "c", "d"], await BatchRouter.AppliedAsync(check));
        var entries = await check.Inbox.OrderBy(e => e.UpdateId).ToListAsync();
        Assert.Equal(
            [InboxState.Processed, InboxState.Failed, InboxState.Processed, InboxState.Processed, InboxState.Processed, InboxState.Failed, InboxState.Processed],
            entries.Select(e => e.State));
        Assert.All(entries.Where(e => e.State == InboxState.Failed), e => Assert.Equal(InboxProcessor.MaxAttempts, e.Attempts));
        Assert.StartsWith(nameof(DbUpdateException), entries[1].Error, StringComparison.Ordinal);
        Assert.Contains("failed on purpose", entries[5].Error, StringComparison.Ordinal);
        // In update order: what comes after a failing update waited for its retries.
        Assert.Equal(entries.Select(e => e.ProcessedAtUtc).Order(), entries.Select(e => e.ProcessedAtUtc));
        // "/own" saved on a connection of its own: refused at once inside the batch, applied on its own once.
        Assert.Equal(1, await check.BotState.CountAsync(s => s.Key.StartsWith("test.own.")));
        Assert.Equal(1, entries[3].Attempts);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("Inbox processor failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_update_is_answered_while_the_processor_works_through_a_long_backlog()
    {
        const int backlog = 5000;
        await using var database = await BacklogAsync(Enumerable.Range(0, backlog).Select(i => $"m{i}").ToList());
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartAsync(api, database, configure: o =>
        {
            o.Settings["Telegram:Mode"] = "Webhook";
            o.Settings["Telegram:WebhookUrl"] = "https://planbot.example.test/telegram/update";
            o.Settings["Telegram:WebhookSecret"] = "group_commit-secret";
            o.Settings["Telegram:WebhookListenUrl"] = $"http://127.0.0.1:{ReliabilityHost.FreePort()}";
        });
        await bot.WaitForDatabaseAsync(async db => await db.Inbox.CountAsync(e => e.State == InboxState.Processed) >= 50,
            Finish, "the processor busy with the backlog");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var listenUrl = bot.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.WebhookListenUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, listenUrl + TelegramWebhookReceiver.Path)
        {
            Content = new StringContent(UpdateJson(backlog + 1, "hook"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TelegramWebhookReceiver.SecretHeader, "group_commit-secret");
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var answeredIn = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = bot.CreateDbContext();
        var stillPending = await check.Inbox.CountAsync(e => e.State == InboxState.Pending);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook answered in {answeredIn.TotalMilliseconds:0} ms with {stillPending} of {backlog} backlog updates still pending"));
        Assert.True(stillPending > 1, "the backlog was drained before the webhook was answered");
        // Generous: the store waits for one batch (~15 ms) at most; seconds would mean it waited behind the backlog.
        Assert.True(answeredIn < TimeSpan.FromSeconds(2), $"answered in {answeredIn}");
        await bot.WaitForDatabaseAsync(async db => !await db.Inbox.AnyAsync(e => e.State == InboxState.Pending), TimeSpan.FromSeconds(120), "backlog and hook applied");
        Assert.Equal("hook", (await BatchRouter.AppliedAsync(check))[^1]);
    }

    [Fact]
    public async Task A_transaction_begun_as_the_processor_begins_its_batches_takes_the_write_lock_at_its_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var batch = database.CreateContext();
        await using var transaction = await batch.Database.BeginTransactionAsync();

        // Nothing read or written yet: a deferred BEGIN would hold no lock, and this write would go through (after
        // the driver's retries for a second, it is refused).
        await using var other = new SqliteConnection(database.ConnectionString);
        await other.OpenAsync();
        await using var write = other.CreateCommand();
        write.CommandText = "INSERT INTO BotSettings (Key, Value) VALUES ('k', 'v');";
        write.CommandTimeout = 1;
        var refused = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public async Task A_store_waiting_for_its_turn_goes_before_the_processors_next_batch()
    {
        using var turns = new WriteTurn();
        var batch = await turns.TakeAsync(CancellationToken.None);
        var store = turns.TakeAsync(CancellationToken.None);
        Assert.False(store.IsCompleted);

        // The batch ends and the processor asks at once for its next turn: the store, waiting longer, goes first.
        batch.Dispose();
        var nextBatch = turns.TakeAsync(CancellationToken.None);

        Assert.True(store.IsCompletedSuccessfully);
        Assert.False(nextBatch.IsCompleted);
        (await store).Dispose();
        (await nextBatch.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    /// <summary>A migrated database with one pending inbox entry per text (update ids 1, 2, …) and a taken state key.</summary>
    private static async Task<TestDatabase> BacklogAsync(IReadOnlyList<string> texts)
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        db.BotState.Add(new BotStateEntry { Key = BatchRouter.TakenKey, Value = "first" });
        await db.SaveChangesAsync();
        var messages = texts.Select((text, i) => new InboundMessage(i + 1, InboundKind.Message, Chat, true, Chat, "Tester", text, MessageId: i + 1)).ToList();
        await InboxStore.StoreAsync(db, messages, TimeProvider.System.GetUtcNow().UtcDateTime, nextOffset: null, CancellationToken.None);
        return database;
    }

    private static Task<BotTestHost> StartAsync(
        FakeBotApiServer api, TestDatabase database, Action<IServiceCollection>? services = null, Action<BotTestHostOptions>? configure = null) =>
        BotTestHost.StartAsync(api, o =>
        {
            o.DatabasePath = database.Path;
            configure?.Invoke(o);
            o.Services = s =>
            {
                s.RemoveAll<IChatRouter>();
                s.AddScoped<IChatRouter, BatchRouter>();
                services?.Invoke(s);
            };
        });

    private static string UpdateJson(long updateId, string text) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["update_id"] = updateId,
            ["message"] = new System.Text.Json.Nodes.JsonObject
            {
                ["message_id"] = updateId,
                ["date"] = 1718589600,
                ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = Chat, ["type"] = "private", ["first_name"] = "U" },
                ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = Chat, ["is_bot"] = false, ["first_name"] = "U" },
                ["text"] = text,
            },
        }.ToJsonString();

    /// <summary>Counts inbox claims, and the commits of transactions that claimed at least one entry.</summary>
    private sealed class InboxCommits : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly ConcurrentDictionary<DbTransaction, bool> _claiming = new();
        private int _claims;
        private int _commits;

        public int Claims => _claims;

        public int Commits => _commits;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("UPDATE \"Inbox\"", StringComparison.Ordinal) && command.Transaction is { } transaction)
            {
                Interlocked.Increment(ref _claims);
                _claiming.TryAdd(transaction, true);
            }

            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (_claiming.TryRemove(transaction, out _))
            {
                Interlocked.Increment(ref _commits);
            }

            return Task.CompletedTask;
        }
    }
}
