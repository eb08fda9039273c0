using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Import;

namespace PlanBot.Storage;

/// <summary>
/// Registered before every other hosted service but the lease: migrates the database in StartAsync, then fills an empty
/// one from the seed files, so nothing receives updates or fires jobs against an old schema or an empty plan.
/// A bad seed file stops start-up with its file/row/column messages (<see cref="ImportFailedException"/>); a database
/// that cannot be opened, read or written stops it with one line naming the file (<see cref="DatabaseUnavailableException"/>).
/// The CLI runs the same steps without starting the host.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    DatabaseMigrator migrator,
    InstanceLease lease,
    DatabaseFile database,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    private bool _ready;

    /// <summary>Migrates and seeds; once done, starting again does nothing (the CLI starts it before the host does).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            await migrator.MigrateAsync(db, cancellationToken);
            if (lease.IsHeld)
            {
                await ReleaseClaimsOfEarlierProcessesAsync(db, cancellationToken);
            }

            await scope.ServiceProvider.GetRequiredService<FirstRunSeeder>().SeedAsync(db, cancellationToken);
            logger.LogInformation("Database ready at {DataSource}", database.Path);
            _ready = true;
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnavailableException($"database {database.Path}: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Holding the lease, this bot is the database's only sender: a claim still on a row belongs to a process that
    /// died mid-send, and is released now rather than when it runs out.
    /// </summary>
    private async Task ReleaseClaimsOfEarlierProcessesAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var released = await db.Outbox
            .Where(m => m.ClaimedUntilUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
        if (released > 0)
        {
            logger.LogWarning("Released {Count} outbox message(s) claimed by an earlier process that stopped while sending them", released);
        }
    }
}
