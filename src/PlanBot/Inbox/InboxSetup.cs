using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanBot.Outbox;

namespace PlanBot.Inbox;

public static class InboxSetup
{
    /// <summary>
    /// The inbox processor (stored updates → <see cref="Chat.IChatRouter"/> → outbox). Needs an IChatRouter;
    /// calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.TryAddSingleton<InboxSignal>();
        services.TryAddSingleton<OutboxSignal>();
        services.AddHostedService<InboxProcessor>();
        return services;
    }
}
