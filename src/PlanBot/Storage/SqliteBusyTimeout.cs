using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlanBot.Storage;

/// <summary>
/// Lets SQLite itself wait for a lock (PRAGMA busy_timeout) on every connection the app opens. The poller, the inbox
/// processor, the outbox sender and the jobs write concurrently; without this, a writer that finds the database locked
/// falls back to Microsoft.Data.Sqlite's own retry, which sleeps 150 ms at a time — the benchmark saw most of an
/// update's latency spent there (docs/benchmarks.md). SQLite's handler retries within a millisecond or two instead.
/// </summary>
/// <remarks>
/// The app's own contexts get it with their durability from <see cref="SqliteConnectionSettings"/>; this one alone is
/// for contexts made outside the app (the benchmark's).
/// </remarks>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>Longest SQLite waits for a lock before the driver's own retry (up to the command timeout) takes over.</summary>
    public const int Milliseconds = 5000;

    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
