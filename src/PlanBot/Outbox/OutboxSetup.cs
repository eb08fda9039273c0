using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PlanBot.Plans;

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
    /// An outbox sender loop for one channel, with that channel's transport and rate limiter, both registered under the
    /// lane's name (keyed services), so Telegram and DingTalk can run side by side in one process. The feature that owns
    /// a channel (Telegram, DingTalk, or the console chat) calls this once; <paramref name="channel"/> null sends rows
    /// of any channel the transport reaches (the console).
    /// </summary>
    public static IServiceCollection AddOutboxSender<TTransport, TLimiter>(this IServiceCollection services, Plans.Channel? channel)
        where TTransport : class, IMessageTransport
        where TLimiter : class, ISendRateLimiter
    {
        var lane = new OutboxLane(channel?.ToString() ?? "Console");
        services.AddKeyedTransient<IMessageTransport, TTransport>(lane.Name);
        services.AddKeyedSingleton<ISendRateLimiter, TLimiter>(lane.Name);
        services.TryAddSingleton<Storage.WriteTurn>();
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<OutboxSender>(
            sp, lane, sp.GetRequiredKeyedService<ISendRateLimiter>(lane.Name)));
        return services;
    }
}

/// <summary>One channel's sending: its name keys its transport and limiter in the container.</summary>
public sealed record OutboxLane(string Name)
{
    public IMessageTransport Transport(IServiceProvider services) => services.GetRequiredKeyedService<IMessageTransport>(Name);
}
