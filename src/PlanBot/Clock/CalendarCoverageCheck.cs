using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Storage;

namespace PlanBot.Clock;

/// <summary>Warns at start when the holiday calendar does not cover today or a deadline (see <see cref="CalendarCoverage"/>).</summary>
public sealed class CalendarCoverageCheck(IServiceScopeFactory scopes, CalendarCoverage coverage, ILogger<CalendarCoverageCheck> logger)
    : IHostedLifecycleService
{
    /// <summary>After every StartAsync, so the database is migrated and seeded (DatabaseStartup) before it is read.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await coverage.WarningAsync(scope.ServiceProvider.GetRequiredService<PlanBotDbContext>(), cancellationToken) is { } warning)
        {
            logger.LogWarning("Working days may be wrong: {Warning}", warning);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
