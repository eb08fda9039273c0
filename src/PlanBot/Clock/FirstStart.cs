using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Storage;

namespace PlanBot.Clock;

/// <summary>
/// When the bot's timeline on this database began. Scheduled work that came due before it is not caught up: a bot
/// that was never running missed nothing, so a fresh database opens calm instead of with last month's report, this
/// week's digest and every overdue task at once. A restart after downtime still catches up (the first start lies
/// before the downtime).
/// </summary>
/// <remarks>
/// On the real clock the first bot start is recorded in the database (<see cref="Setting"/>) and kept. A rehearsal
/// (PlanBot:Clock:StartAt) starts its own timeline at StartAt on every run — the clock jumps back there each time, so
/// there is no downtime to make up — and records nothing. CLI verbs never start the bot, so they record nothing either.
/// Databases from before this was recorded are marked by a migration as running since ever (everything is caught up).
/// </remarks>
public sealed class FirstStart(
    IServiceScopeFactory scopes, PlanClock clock, IOptions<ClockOptions> options, ILogger<FirstStart> logger) : IHostedService
{
    /// <summary>The BotStateEntry holding the first start on the real clock (an ISO 8601 instant).</summary>
    public const string Setting = "Bot:FirstStartedAtUtc";

    /// <summary>The first start; null until the bot has started (a CLI verb, a test that runs a job by hand).</summary>
    public DateTimeOffset? At { get; private set; }

    /// <summary>True when this start is the first one: a fresh database, or any rehearsal.</summary>
    public bool IsThisStart { get; private set; }

    /// <summary>Runs after the database is migrated and seeded, and before the scheduler's start-up fires.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Clock.StartAt is { } rehearsal)
        {
            (At, IsThisStart) = (rehearsal, true);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        if (await db.GetStateAsync(Setting, cancellationToken) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var recorded))
        {
            (At, IsThisStart) = (recorded, false);
            return;
        }

        var now = clock.Time.GetUtcNow();
        await db.SetStateAsync(Setting, now.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        (At, IsThisStart) = (now, true);
        logger.LogInformation("First start on this database at {FirstStart:O}: nothing scheduled before it is caught up", now);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
