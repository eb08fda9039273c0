using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlanBot.Storage;

/// <summary>How hard SQLite pushes a commit to disk (PRAGMA synchronous; the file is in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is synced at checkpoints only: a killed process loses nothing (the commit is in the operating system's
    /// hands), a power cut may roll back the last commits — whole transactions, never half of one.
    /// </summary>
    Normal,

    /// <summary>Every commit is synced before it returns: not even a power cut takes it back.</summary>
    Full,
}

/// <summary>
/// Settings of every connection the app opens: SQLite itself waits for a lock (busy_timeout, as
/// <see cref="SqliteBusyTimeout"/> explains) and commits are synced as <paramref name="synchronous"/> says. The bot
/// runs with <see cref="SqliteSynchronous.Normal"/>: what it does by itself can be done again after a power cut, and
/// the one commit that must survive one, the receivers' store of an update Telegram then forgets, asks for
/// <see cref="SqliteSynchronous.Full"/> (<see cref="UseSynchronousAsync"/>). A CLI verb keeps Full: an admin told
/// "imported" is never proved wrong.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout = {SqliteBusyTimeout.Milliseconds}; {Pragma(synchronous)}";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Sets this open connection's synchronous mode until it is closed (the next open sets the app's own again).
    /// SQLite refuses the change inside a transaction, so call it before beginning one.
    /// </summary>
    public static Task UseSynchronousAsync(PlanBotDbContext db, SqliteSynchronous synchronous, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Pragma(synchronous), ct);

    private static string Pragma(SqliteSynchronous synchronous) =>
        synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
}
