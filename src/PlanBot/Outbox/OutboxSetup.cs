using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PlanBot.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// The outbox sender loop and its rate limiter. A transport feature (Telegram, or the console chat) registers its
    /// <see cref="IMessageTransport"/> and calls this; calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddOutboxSender(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SendRateLimiter>();
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
