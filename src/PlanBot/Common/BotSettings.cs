using Microsoft.EntityFrameworkCore;
using PlanBot.Storage;

namespace PlanBot.Common;

/// <summary>Reads and writes <see cref="BotSetting"/> rows; writes are saved by the caller's SaveChanges, with the change they describe.</summary>
public static class BotSettings
{
    public static async Task<string?> GetSettingAsync(this PlanBotDbContext db, string key, CancellationToken ct) =>
        (await db.BotSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct))?.Value;

    public static async Task SetSettingAsync(this PlanBotDbContext db, string key, string value, CancellationToken ct)
    {
        var existing = await db.BotSettings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (existing is null)
        {
            db.BotSettings.Add(new BotSetting { Key = key, Value = value });
        }
        else
        {
            existing.Value = value;
        }
    }
}
