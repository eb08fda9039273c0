using System.Data.Common;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>
/// Handles one inbound message end to end, the one place that does: route it in its own DI scope, put the replies
/// into the outbox, answer a button press (exactly once, with an empty toast when the router has nothing to say, so
/// its spinner stops) and save everything in one SaveChanges. The console calls it directly; Telegram's inbox
/// processor calls <see cref="HandleWithinAsync"/> for each update of a batch, with the inbox entry's "processed" mark
/// as <c>alongside</c>, and falls back to <see cref="HandleAsync(InboundMessage, Func{PlanBotDbContext, DateTime, CancellationToken, Task}?, CancellationToken)"/>
/// for one that fails in a batch.
/// </summary>
public interface IInboundHandler
{
    Task<ChatResponse> HandleAsync(InboundMessage message, CancellationToken ct) => HandleAsync(message, null, ct);

    /// <param name="alongside">More changes to save in the same transaction (given the scope's context and "now" in UTC).</param>
    Task<ChatResponse> HandleAsync(InboundMessage message, Func<PlanBotDbContext, DateTime, CancellationToken, Task>? alongside, CancellationToken ct);

    /// <summary>
    /// As <see cref="HandleAsync(InboundMessage, Func{PlanBotDbContext, DateTime, CancellationToken, Task}?, CancellationToken)"/>,
    /// inside a transaction the caller holds (the inbox processor's batch, which took SQLite's write lock at its start):
    /// the message's scope gets its own context on the transaction's connection, and its changes are saved there,
    /// uncommitted. The caller commits and pulses the outbox. A handler that must save on a connection of its own
    /// fails here (<see cref="WriteLockHeldException"/>); the caller then handles the message on its own.
    /// </summary>
    Task<ChatResponse> HandleWithinAsync(
        InboundMessage message, DbTransaction transaction, Func<PlanBotDbContext, DateTime, CancellationToken, Task> alongside, CancellationToken ct);

    /// <summary>
    /// What is still owed to the person when their message is given up on after failed attempts (nothing of theirs was
    /// saved): a pressed button is answered, so its spinner stops. Added to <paramref name="db"/>; the caller saves.
    /// </summary>
    void SetAside(PlanBotDbContext db, InboundMessage message, DateTime nowUtc);
}
