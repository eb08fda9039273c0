using Microsoft.EntityFrameworkCore;

namespace PlanBot.Storage;

/// <summary>Applies pending migrations and switches the file to WAL so readers never wait on the writer.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(PlanBotDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        // WAL is a property of the file and persists; in-memory databases answer "memory" and stay as they are.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
