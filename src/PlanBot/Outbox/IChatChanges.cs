using PlanBot.Storage;

using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>
/// What follows when a chat changes under the bot: Telegram moved it to a new id (a group upgraded to a supergroup),
/// the bot can no longer post there (removed from the group), or a message to a subscribed group was refused.
/// Learnt from an update (the router) or from a send's answer (the <see cref="OutboxSender"/>); the chat feature owns
/// the subscriptions and implements it. Changes are added to <c>db</c>; the caller saves them with its own change.
/// </summary>
public interface IChatChanges
{
    /// <summary>Pending messages and the subscription move to <paramref name="newChatId"/>; admins are told when the chat was subscribed.</summary>
    Task MovedAsync(PlanBotDbContext db, ChatAddress oldChatId, ChatAddress newChatId, string? title, CancellationToken ct);

    /// <summary>The subscription is dropped and pending messages are given up; admins are told when the chat was subscribed.</summary>
    Task GoneAsync(PlanBotDbContext db, ChatAddress chatId, string? title, string reason, CancellationToken ct);

    /// <summary>A message to the chat was refused for another reason: admins are told when the chat is subscribed.</summary>
    Task RefusedAsync(PlanBotDbContext db, ChatAddress chatId, string refusal, CancellationToken ct);
}
