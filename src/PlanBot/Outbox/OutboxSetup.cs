using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// What every feature that queues messages needs: the signal that wakes the sender (with no transport, as in the
    /// CLI, nobody listens and the rows wait for the next run).
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services) => services.AddSingleton<OutboxSignal>();

    /// <summary>
    /// The outbox sender loop and its rate limiter. A transport feature (Telegram, or the console chat) registers its
    /// <see cref="IMessageTransport"/> and calls this once.
    /// </summary>
    public static IServiceCollection AddOutboxSender(this IServiceCollection services)
    {
        services.AddSingleton<SendRateLimiter>();
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
