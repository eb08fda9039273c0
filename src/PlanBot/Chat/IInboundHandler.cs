namespace PlanBot.Chat;

/// <summary>
/// Handles one inbound message end to end: route it in its own DI scope, put the replies (and the button toast) into
/// the outbox, and save everything in one SaveChanges. Transports (console, Telegram's inbox processor) call this.
/// </summary>
public interface IInboundHandler
{
    Task<ChatResponse> HandleAsync(InboundMessage message, CancellationToken ct);
}
