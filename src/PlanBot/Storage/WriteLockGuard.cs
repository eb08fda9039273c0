using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlanBot.Storage;

/// <summary>
/// Keeps a flow that holds SQLite's one write lock from waiting for itself. The inbox processor applies a batch of
/// updates in one transaction that took the lock at its start (<see cref="Hold"/>); a handler that saves on a
/// connection of its own from inside that batch (/remind's scan, /report keeping the month's report, the first button
/// signature keeping its key) would wait for the lock its own flow holds — the busy timeout, then the driver's retries
/// up to its command timeout — and fail after half a minute. It fails at once with <see cref="WriteLockHeldException"/>
/// instead, and the processor applies that update on its own, outside a batch, where such saves work as they always did.
/// </summary>
public sealed class WriteLockGuard : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private static readonly AsyncLocal<DbConnection?> HeldOn = new();

    private WriteLockGuard()
    {
    }

    /// <summary>Added to every <see cref="PlanBotDbContext"/> (it keeps no state of its own).</summary>
    public static WriteLockGuard Instance { get; } = new();

    /// <summary>Marks this flow (and what it awaits) as holding the write lock on <paramref name="connection"/> until disposed.</summary>
    public static Holding Hold(DbConnection connection)
    {
        HeldOn.Value = connection;
        return default;
    }

    public readonly struct Holding : IDisposable
    {
        public void Dispose() => HeldOn.Value = null;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Check(connection);
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Check(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context?.Database.GetDbConnection());
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context?.Database.GetDbConnection());
        return ValueTask.FromResult(result);
    }

    private static void Check(DbConnection? connection)
    {
        if (HeldOn.Value is { } held && !ReferenceEquals(held, connection))
        {
            throw new WriteLockHeldException();
        }
    }
}

/// <summary>A write on another connection from a flow that holds SQLite's write lock (<see cref="WriteLockGuard"/>).</summary>
public sealed class WriteLockHeldException()
    : InvalidOperationException("This flow holds SQLite's write lock on another connection (an inbox batch); a write here would wait for itself.");
