using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PlanBot.Storage;

namespace PlanBot.Tests.Support;

/// <summary>
/// A real SQLite database in a temp file with the app's migrations applied; deleted on dispose.
/// A file (not :memory:) so several contexts and the app's own scopes see the same data, as in production.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"planbot-test-{Guid.NewGuid():N}.db"));
        await using var context = db.CreateContext();
        await DatabaseMigrator.MigrateAsync(context, TimeProvider.System, CancellationToken.None);
        return db;
    }

    public PlanBotDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PlanBotDbContext>().UseSqlite(ConnectionString).Options);

    public ValueTask DisposeAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(Path + suffix);
        }

        // The console chat's log, when a test ran it on this database (beside it, named after it).
        File.Delete(System.IO.Path.ChangeExtension(Path, ".log"));

        return ValueTask.CompletedTask;
    }
}
