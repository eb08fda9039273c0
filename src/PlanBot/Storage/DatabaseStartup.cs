using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PlanBot.Storage;

/// <summary>
/// Registered before every other hosted service: migrates the database in StartAsync,
/// so nothing receives updates or fires jobs against an old schema.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
