using Microsoft.EntityFrameworkCore;

namespace PlanBot.Storage;

/// <summary>Reads and writes <see cref="BotStateEntry"/> rows; writes are saved by the caller's SaveChanges, with the change they describe.</summary>
public static class BotStateAccess
{
    public static async Task<string?> GetStateAsync(this PlanBotDbContext db, string key, CancellationToken ct) =>
        (await db.BotState.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct))?.Value;

    public static async Task SetStateAsync(this PlanBotDbContext db, string key, string value, CancellationToken ct)
    {
        var existing = await db.BotState.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (existing is null)
        {
            db.BotState.Add(new BotStateEntry { Key = key, Value = value });
        }
        else
        {
            existing.Value = value;
        }
    }
}
