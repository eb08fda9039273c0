namespace PlanBot.Chat;

public enum InboundKind
{
    Message,
    EditedMessage,
    Callback,

    /// <summary>Anything else Telegram sends (joins, polls …): recorded and ignored.</summary>
    Other,
}

/// <summary>
/// What a person did in a chat, free of Telegram types. Telegram updates and console lines are both mapped to this.
/// </summary>
/// <param name="UpdateId">Telegram's update id (unique, the inbox key); the console uses its own sequence.</param>
public sealed record InboundMessage(
    long UpdateId,
    InboundKind Kind,
    long ChatId,
    bool IsPrivateChat,
    long FromUserId,
    string? FromDisplayName,
    string? Text,
    long? MessageId = null,
    long? ReplyToMessageId = null,
    string? CallbackQueryId = null,
    string? CallbackData = null,
    string? FromLanguageCode = null);
