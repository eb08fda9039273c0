using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PlanBot.Inbox;

public static class InboxSetup
{
    /// <summary>
    /// The inbox processor (stored updates → <see cref="Chat.IChatRouter"/> → outbox). Needs an IChatRouter and the
    /// outbox's signal (<see cref="Outbox.OutboxSetup.AddOutbox"/>).
    /// </summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.TryAddSingleton<InboxSignal>();
        services.TryAddSingleton<Storage.WriteTurn>();
        services.TryAddSingleton<InboxBatching>();
        services.AddHostedService<InboxProcessor>();
        return services;
    }
}
