using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Storage;

namespace PlanBot.Import;

/// <summary>
/// Fills an empty database from the seed files (PlanBot:SeedRosterPath, then PlanBot:SeedPlanPath) so the bot shows
/// the 2024 lists with no set-up. Runs only while the database has no plan; the roster only while it has no members.
/// Both go in one transaction. An empty path skips that seed.
/// </summary>
public sealed class FirstRunSeeder(
    RosterImporter roster, PlanImporter plans, IOptions<SeedOptions> options, ILogger<FirstRunSeeder> logger)
{
    /// <exception cref="ImportFailedException">A seed file has problems; nothing was written.</exception>
    public async Task SeedAsync(PlanBotDbContext db, CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(ct))
        {
            return;
        }

        var settings = options.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!string.IsNullOrWhiteSpace(settings.SeedRosterPath) && !await db.Members.AnyAsync(ct))
        {
            var summary = await roster.ImportAsync(db, SeedFiles.Resolve(settings.SeedRosterPath), ct);
            logger.LogInformation("Seeded the {Summary}", summary);
        }

        if (!string.IsNullOrWhiteSpace(settings.SeedPlanPath))
        {
            var summary = await plans.ImportAsync(db, SeedFiles.Resolve(settings.SeedPlanPath), PlanChoice.FromFile, ct);
            logger.LogInformation("Seeded the {Summary}", summary);
        }

        await transaction.CommitAsync(ct);
    }
}
