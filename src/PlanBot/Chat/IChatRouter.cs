using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>What the bot answers to one inbound message: messages to send (to the sender or others) and a button-press toast.</summary>
public sealed record ChatResponse(IReadOnlyList<OutgoingMessage> Messages, string? CallbackAnswer = null)
{
    public static ChatResponse None { get; } = new([]);
}

/// <summary>
/// Routes an inbound message to its handler. Handlers change tracked entities in <paramref name="db"/> but never save:
/// the inbox processor saves their changes, the replies (into the outbox) and the inbox entry in one transaction,
/// so an update's effect happens exactly once.
/// </summary>
public interface IChatRouter
{
    Task<ChatResponse> RouteAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct);
}
