using PlanBot.Plans;

namespace PlanBot.Chat;

public enum InboundKind
{
    Message,
    EditedMessage,
    Callback,

    /// <summary>Anything else Telegram sends (joins, polls …): recorded and ignored.</summary>
    Other,

    /// <summary>
    /// The chat now lives under another id (<see cref="InboundMessage.MovedToChatId"/>): a group upgraded to a
    /// supergroup. <see cref="InboundMessage.ChatId"/> is the old id.
    /// </summary>
    ChatMoved,

    /// <summary>The bot was removed from the group <see cref="InboundMessage.ChatId"/> (kicked, or it left).</summary>
    BotRemoved,
}

/// <summary>
/// What a person did in a chat, free of Telegram types. Telegram updates and console lines are both mapped to this.
/// </summary>
/// <param name="UpdateId">Telegram's update id (unique, the inbox key); the console uses its own sequence; 0 on DingTalk.</param>
/// <param name="ChatId">The chat it came from, on its channel.</param>
/// <param name="DeliveryId">
/// The channel's own id for a delivery whose ids are not numbers (DingTalk's msgId): the inbox key instead of
/// <paramref name="UpdateId"/>, so a redelivered copy is stored once.
/// </param>
/// <param name="FromUserId">Who wrote, as their id on the channel (a private chat with them has this address).</param>
public sealed record InboundMessage(
    long UpdateId,
    InboundKind Kind,
    ChatAddress ChatId,
    bool IsPrivateChat,
    ChatAddress FromUserId,
    string? FromDisplayName,
    string? Text,
    long? MessageId = null,
    long? ReplyToMessageId = null,
    string? CallbackQueryId = null,
    string? CallbackData = null,
    string? FromLanguageCode = null,
    ChatAddress? MovedToChatId = null,
    string? ChatTitle = null,
    string? DeliveryId = null);
