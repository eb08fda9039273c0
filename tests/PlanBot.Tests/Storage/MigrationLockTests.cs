using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanBot.Storage;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Storage;

/// <summary>
/// A start killed while migrating leaves a row in EF Core's <c>__EFMigrationsLock</c>; EF Core then waits on it forever
/// without a word. These tests put such a row in place and start the migrator as the bot and the CLI do.
/// </summary>
public sealed class MigrationLockTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"planbot-lock-{Guid.NewGuid():N}.db");
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _logging;

    public MigrationLockTests() => _logging = LoggerFactory.Create(b => b.AddProvider(_logs));

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString();

    [Fact]
    public async Task An_up_to_date_database_with_a_lock_left_behind_starts_without_touching_the_lock()
    {
        await using (var db = Context())
        {
            await Migrator().MigrateAsync(db, CancellationToken.None);
        }

        await LeaveLockAsync(TimeProvider.System.GetUtcNow());

        await using (var db = Context())
        {
            // Before the fix this waited forever: MigrateAsync took EF's lock even with nothing pending.
            await Migrator().MigrateAsync(db, CancellationToken.None).WaitAsync(Bound);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotNull(await MigrationLock.HeldSinceAsync(db, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_stale_lock_on_a_new_database_is_removed_with_a_warning_and_the_migrations_run()
    {
        await LeaveLockAsync(TimeProvider.System.GetUtcNow() - DatabaseMigrator.StaleLockAfter - TimeSpan.FromMinutes(5));

        await using var db = Context();
        await Migrator().MigrateAsync(db, CancellationToken.None).WaitAsync(Bound);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Null(await MigrationLock.HeldSinceAsync(db, CancellationToken.None));
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Removing the migration lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fresh_lock_is_waited_for_with_a_log_line_and_the_migrations_run_once_it_is_gone()
    {
        await LeaveLockAsync(TimeProvider.System.GetUtcNow());

        await using var db = Context();
        var migrating = Migrator().MigrateAsync(db, CancellationToken.None);

        await WaitUntilAsync(() => _logs.Lines.Any(l => l.Level == LogLevel.Warning && l.Message.Contains("Waiting for the migration lock", StringComparison.Ordinal)));
        Assert.False(migrating.IsCompleted);

        // The other process finishes its migration and releases the lock.
        await using (var other = Context())
        {
            await MigrationLock.RemoveAsync(other, CancellationToken.None);
        }

        await migrating.WaitAsync(Bound);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.DoesNotContain(_logs.Lines, l => l.Message.Contains("Removing the migration lock", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        _logging.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }

    private PlanBotDbContext Context() => new(new DbContextOptionsBuilder<PlanBotDbContext>().UseSqlite(ConnectionString).Options);

    private DatabaseMigrator Migrator()
    {
        var file = new DatabaseFile(ConnectionString);
        return new DatabaseMigrator(new InstanceLease(file, TimeProvider.System), file, _logging.CreateLogger<DatabaseMigrator>());
    }

    /// <summary>The row EF Core's SQLite provider writes when it takes the lock (same table, same columns).</summary>
    private async Task LeaveLockAsync(DateTimeOffset takenAt)
    {
        await using var db = Context();
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);");
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, {takenAt.ToString("O", CultureInfo.InvariantCulture)});");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
