using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace PlanBot.Storage;

/// <summary>
/// EF Core's migration lock on SQLite: a row in <c>__EFMigrationsLock</c> that <c>MigrateAsync</c> inserts first and
/// waits on, forever and without a word, while another row is there. A process killed while migrating leaves its row.
/// </summary>
public static class MigrationLock
{
    private const string Table = "__EFMigrationsLock";

    /// <summary>When the lock was taken, or null when nobody holds it (<see cref="DateTimeOffset.MinValue"/> when unreadable).</summary>
    public static async Task<DateTimeOffset?> HeldSinceAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var tables = await db.Database
            .SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{Table}'")
            .SingleAsync(ct);
        if (tables == 0)
        {
            return null;
        }

        var stamps = await db.Database.SqlQueryRaw<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"{Table}\"").ToListAsync(ct);
        if (stamps.Count == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(stamps[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
    }

    public static Task RemoveAsync(PlanBotDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{Table}\"", ct);
}
