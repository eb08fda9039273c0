using Microsoft.Extensions.DependencyInjection;
using PlanBot.Common;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>The default <see cref="IInboundHandler"/>: one scope, one router call, one save for the change and its replies.</summary>
public sealed class InboundHandler(IServiceScopeFactory scopes, PlanClock clock) : IInboundHandler
{
    public async Task<ChatResponse> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var router = scope.ServiceProvider.GetRequiredService<IChatRouter>();
        var response = await router.RouteAsync(message, db, ct);
        var now = clock.UtcNow;
        db.Enqueue(now, response.Messages);
        if (response.CallbackAnswer is { } toast && message.CallbackQueryId is { } queryId)
        {
            db.Outbox.Add(OutboxMessage.CallbackAnswer(message.ChatId, queryId, toast, now));
        }

        await db.SaveChangesAsync(ct);
        return response;
    }
}
