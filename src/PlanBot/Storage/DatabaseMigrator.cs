using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PlanBot.Storage;

/// <summary>
/// Brings the database to the current schema and switches the file to WAL so readers never wait on the writer.
/// Migrates only when a migration is pending, so an up-to-date database is never locked for it (a read-only file
/// opens, and a lock left by a killed start cannot block an ordinary start). Migrating needs the
/// <see cref="InstanceLease"/>: the bot holds it; a CLI verb takes it for the migration and refuses while a bot runs.
/// </summary>
public sealed class DatabaseMigrator(InstanceLease lease, DatabaseFile database, ILogger<DatabaseMigrator> logger)
{
    /// <summary>A migration lock this old, found while holding the lease, was left by a process that stopped mid-migration.</summary>
    public static readonly TimeSpan StaleLockAfter = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LockPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Migrates a database outside the host (tests, benchmarks) with the same steps and the same lease, logging nothing.
    /// </summary>
    public static Task MigrateAsync(PlanBotDbContext db, TimeProvider time, CancellationToken ct)
    {
        var file = new DatabaseFile(db.Database.GetConnectionString() ?? "");
        return new DatabaseMigrator(new InstanceLease(file, time), file, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(db, ct);
    }

    public async Task MigrateAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            var leasedHere = !lease.IsHeld;
            if (leasedHere && !lease.TryAcquire(out var holder))
            {
                throw new DatabaseUnavailableException(
                    $"database {database.Path} needs {pending.Count} migration(s), but a running PlanBot holds it ({holder}); " +
                    "stop the bot: it applies them at its next start");
            }

            try
            {
                await WaitForMigrationLockAsync(db, ct);
                if (await RestoreInterruptedAsync(db, ct))
                {
                    pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                }

                logger.LogInformation("Applying {Count} migration(s) to {Path}: {Names}", pending.Count, database.Path, string.Join(", ", pending));
                var backedUp = await BackUpAsync(db, ct);
                try
                {
                    await db.Database.MigrateAsync(ct);
                }
                catch when (backedUp)
                {
                    await RestoreAsync(db);
                    throw;
                }

                if (backedUp)
                {
                    File.Delete(BackupPath);
                }
            }
            finally
            {
                if (leasedHere)
                {
                    lease.Release();
                }
            }
        }

        // WAL is a property of the file and persists; in-memory databases answer "memory" and stay as they are.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// The copy of the database taken before migrating. EF Core applies a SQLite migration that rebuilds tables in
    /// several transactions, so a process killed in between leaves a half-migrated file that no start could finish
    /// (a table already created, ids already rewritten); the copy is put back and the migration runs again from it.
    /// Present only while a migration runs, or after one was cut off.
    /// </summary>
    private string BackupPath => database.Path + ".pre-migration";

    /// <summary>Copies a database that has data (a consistent snapshot, by VACUUM INTO); false when there is nothing to keep.</summary>
    private async Task<bool> BackUpAsync(PlanBotDbContext db, CancellationToken ct)
    {
        if (!database.IsFile || !(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            return false;
        }

        var partial = BackupPath + ".partial";
        File.Delete(partial);
        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0};", [partial], ct);
        // Complete or absent: a kill while copying leaves only the partial file, which is never restored.
        File.Move(partial, BackupPath, overwrite: true);
        return true;
    }

    /// <summary>Puts back the copy a migration cut off by a kill left behind; true when it did.</summary>
    private async Task<bool> RestoreInterruptedAsync(PlanBotDbContext db, CancellationToken ct)
    {
        if (!database.IsFile || !File.Exists(BackupPath))
        {
            return false;
        }

        logger.LogWarning("A migration of {Path} was cut off; restoring the copy taken before it and migrating again", database.Path);
        await RestoreAsync(db);
        return true;
    }

    private async Task RestoreAsync(PlanBotDbContext db)
    {
        await db.Database.CloseConnectionAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(database.Path + suffix);
        }

        // Taken before EF Core took its migration lock, the copy holds no lock row.
        File.Copy(BackupPath, database.Path, overwrite: true);
        File.Delete(BackupPath);
    }

    /// <summary>
    /// Holding the lease, nobody else of PlanBot can be migrating; a lock row is then a killed start's, unless a tool
    /// outside PlanBot (dotnet ef) is migrating right now, which the age bound leaves alone. The wait is logged.
    /// </summary>
    private async Task WaitForMigrationLockAsync(PlanBotDbContext db, CancellationToken ct)
    {
        // EF Core stamps the lock with the wall clock, so its age is measured on the wall clock too, not on the bot's
        // (possibly rehearsal-shifted) TimeProvider.
        var wall = TimeProvider.System;
        var told = false;
        while (await MigrationLock.HeldSinceAsync(db, ct) is { } since)
        {
            if (wall.GetUtcNow() - since >= StaleLockAfter)
            {
                logger.LogWarning("Removing the migration lock of {Path} taken at {Since:u}: a start that stopped while migrating left it", database.Path, since);
                await MigrationLock.RemoveAsync(db, ct);
                return;
            }

            if (!told)
            {
                logger.LogWarning("Waiting for the migration lock of {Path}, taken at {Since:u} by another process; it is removed as stale at {StaleAt:u}",
                    database.Path, since, since + StaleLockAfter);
                told = true;
            }

            await Task.Delay(LockPoll, wall, ct);
        }
    }
}
