using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Import;

namespace PlanBot.Storage;

/// <summary>
/// Registered before every other hosted service: migrates the database in StartAsync, then fills an empty one from
/// the seed files, so nothing receives updates or fires jobs against an old schema or an empty plan.
/// A bad seed file stops start-up with its file/row/column messages (<see cref="ImportFailedException"/>).
/// The CLI runs the same steps without starting the host.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<FirstRunSeeder>().SeedAsync(db, cancellationToken);
        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
