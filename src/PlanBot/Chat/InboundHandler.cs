using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>The default <see cref="IInboundHandler"/>: one scope, one router call, one save for the change and its replies.</summary>
public sealed class InboundHandler(IServiceScopeFactory scopes, PlanClock clock, OutboxSignal outbox) : IInboundHandler
{
    public async Task<ChatResponse> HandleAsync(InboundMessage message, Func<PlanBotDbContext, DateTime, CancellationToken, Task>? alongside, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var (response, now) = await RouteAsync(scope, db, message, ct);
        // One transaction for what alongside writes (the inbox entry's conditional claim) and the change with its
        // replies. It begins after the router's reads, so its first statement is a write: on SQLite it waits for
        // the write lock instead of failing on a snapshot another writer made stale.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (alongside is not null)
            {
                await alongside(db, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        outbox.Pulse();
        return response;
    }

    public async Task<ChatResponse> HandleWithinAsync(
        InboundMessage message, DbTransaction transaction, Func<PlanBotDbContext, DateTime, CancellationToken, Task> alongside, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        // The scope's context (the router's, and any handler's that asks the scope for one) reads and writes on the
        // caller's connection inside its transaction, so it sees what the batch's earlier updates changed.
        db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction, ct);
        var (response, now) = await RouteAsync(scope, db, message, ct);
        await alongside(db, now, ct);
        await db.SaveChangesAsync(ct);
        return response;
    }

    public void SetAside(PlanBotDbContext db, InboundMessage message, DateTime nowUtc) => AnswerButton(db, message, null, nowUtc);

    /// <summary>Routes the message and adds its replies and the button's answer to <paramref name="db"/>, unsaved.</summary>
    private async Task<(ChatResponse Response, DateTime NowUtc)> RouteAsync(AsyncServiceScope scope, PlanBotDbContext db, InboundMessage message, CancellationToken ct)
    {
        var router = scope.ServiceProvider.GetRequiredService<IChatRouter>();
        var response = await router.RouteAsync(message, db, ct);
        var now = clock.UtcNow;
        // What goes back to the chat that wrote is an answer, sent ahead of bulk messages; the rest (a /remind's fan-out)
        // is not.
        db.Enqueue(now, response.Messages.Select(m => m.ChatId == message.ChatId ? m with { IsAnswer = true } : m));
        AnswerButton(db, message, response.CallbackAnswer, now);
        return (response, now);
    }

    /// <summary>Answers a button press (no-op for other messages) exactly once, with an empty toast when there is nothing to say.</summary>
    private static void AnswerButton(PlanBotDbContext db, InboundMessage message, string? toast, DateTime nowUtc)
    {
        if (message.CallbackQueryId is { } queryId)
        {
            db.Outbox.Add(OutboxMessage.CallbackAnswer(message.ChatId, queryId, toast ?? "", nowUtc));
        }
    }
}
