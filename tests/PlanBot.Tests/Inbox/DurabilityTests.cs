using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Inbox;
using PlanBot.Storage;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Inbox;

/// <summary>
/// Durability per connection (docs/reliability.md, guarantee 1): the bot's commits are synced at checkpoints
/// (synchronous=NORMAL: a kill loses nothing, a power cut may roll back the last ones), a CLI verb's and the receivers'
/// store of an update at once (FULL: what Telegram was told we have survives a power cut).
/// </summary>
public sealed class DurabilityTests
{
    [Theory]
    [InlineData(RunMode.TelegramPolling, 1)]
    [InlineData(RunMode.TelegramWebhook, 1)]
    [InlineData(RunMode.Cli, 2)]
    public async Task The_bots_connections_sync_at_checkpoints_and_a_cli_verbs_at_every_commit(RunMode mode, long synchronous)
    {
        await using var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:PlanBot"] = database.ConnectionString })
            .Build();
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddStorage(configuration, mode).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();

        Assert.Equal(synchronous, await SynchronousAsync(db));
    }

    [Fact]
    public async Task The_inbox_store_commits_with_full_sync_on_a_connection_that_syncs_at_checkpoints()
    {
        await using var database = await TestDatabase.CreateAsync();
        var commands = new CommandLog();
        await using var db = new PlanBotDbContext(new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(database.ConnectionString)
            .AddInterceptors(new SqliteConnectionSettings(SqliteSynchronous.Normal), commands)
            .Options);
        var message = new InboundMessage(7, InboundKind.Message, 42, true, 42, "Tester", "hello");

        await InboxStore.StoreAsync(db, [message], TimeProvider.System.GetUtcNow().UtcDateTime, nextOffset: 8, CancellationToken.None);

        var full = commands.Texts.FindIndex(t => t.Contains("synchronous = FULL", StringComparison.Ordinal));
        var insert = commands.Texts.FindIndex(t => t.Contains("INSERT INTO Inbox", StringComparison.Ordinal));
        Assert.InRange(full, 0, insert - 1);
        // The next use of the context opens its connection again with the bot's own setting.
        Assert.Equal(1, await SynchronousAsync(db));
    }

    private static async Task<long> SynchronousAsync(PlanBotDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public List<string> Texts => [.. _texts];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
