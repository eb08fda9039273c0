using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PlanBot.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// What every feature that queues messages needs: the signal that wakes the sender (with no transport, as in the
    /// CLI, nobody listens and the rows wait for the next run), and the one the sender gives after each row.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services) =>
        services.AddSingleton<OutboxSignal>().AddSingleton<OutboxDelivered>();

    /// <summary>
    /// The one outbox sender loop, with the run's transport and that channel's rate limiter. The feature that owns the
    /// run mode's channel (Telegram, or the console chat) calls this once.
    /// </summary>
    public static IServiceCollection AddOutboxSender<TTransport, TLimiter>(this IServiceCollection services)
        where TTransport : class, IMessageTransport
        where TLimiter : class, ISendRateLimiter
    {
        services.AddTransient<IMessageTransport, TTransport>();
        services.AddSingleton<ISendRateLimiter, TLimiter>();
        services.TryAddSingleton<Storage.WriteTurn>();
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
