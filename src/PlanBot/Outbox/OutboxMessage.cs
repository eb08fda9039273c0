using System.Text.Json;
using PlanBot.Chat;

namespace PlanBot.Outbox;

public enum OutboxState
{
    Pending,
    Sent,

    /// <summary>Given up: the chat is unreachable (403) or the message was refused as malformed (400).</summary>
    Failed,
}

/// <summary>
/// One stored outgoing message. Written in the same transaction as the change that caused it,
/// so a crash can never lose a message the database says was produced; the sender drains it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    private ChatAddress _chatId;

    /// <summary>Where it goes; also sets <see cref="Channel"/>.</summary>
    public ChatAddress ChatId
    {
        get => _chatId;
        set
        {
            _chatId = value;
            Channel = value.Channel;
        }
    }

    /// <summary>The channel of <see cref="ChatId"/>, a column of its own so each channel's sender picks only its own rows.</summary>
    public Channel Channel { get; private set; }

    public int? RecipientMemberId { get; set; }

    public required string Text { get; set; }

    /// <summary>The inline keyboard as JSON (rows of <see cref="Button"/>), null when none.</summary>
    public string? ButtonsJson { get; set; }

    public string? AttachmentName { get; set; }

    public byte[]? AttachmentContent { get; set; }

    public AttachmentKind? AttachmentKind { get; set; }

    public int? TaskId { get; set; }

    /// <inheritdoc cref="OutgoingMessage.ListedTaskIds"/>
    public List<int> ListedTaskIds { get; set; } = [];

    /// <inheritdoc cref="OutgoingMessage.ReplyKey"/>
    public Guid? ReplyKey { get; set; }

    public long? EditMessageId { get; set; }

    /// <inheritdoc cref="OutgoingMessage.IsAnswer"/>
    public bool IsAnswer { get; set; }

    /// <summary>When set, this row answers a button press (answerCallbackQuery) with <see cref="Text"/> as the toast.</summary>
    public string? AnswerCallbackQueryId { get; set; }

    public OutboxState State { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Not before this instant (backoff after a failure, retry_after after a 429).</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// Set by the sender that claimed the row, until when the claim holds: no other sender takes the row meanwhile.
    /// A claim outlives only a sender that died mid-send, and then only until it runs out (or the next bot start).
    /// </summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>The channel's id of the (last part of the) sent message, so a reply can be matched to <see cref="TaskId"/> (Telegram, console).</summary>
    public long? TelegramMessageId { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage From(OutgoingMessage message, DateTime nowUtc) => new()
    {
        ChatId = message.ChatId,
        RecipientMemberId = message.RecipientMemberId,
        Text = message.Text,
        ButtonsJson = message.Buttons.Count == 0 ? null : JsonSerializer.Serialize(message.Buttons),
        AttachmentName = message.Attachment?.FileName,
        AttachmentContent = message.Attachment?.Content,
        AttachmentKind = message.Attachment?.Kind,
        TaskId = message.TaskId,
        ListedTaskIds = [.. message.ListedTaskIds],
        ReplyKey = message.ReplyKey,
        EditMessageId = message.EditMessageId,
        IsAnswer = message.IsAnswer,
        State = OutboxState.Pending,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    public static OutboxMessage CallbackAnswer(ChatAddress chatId, string callbackQueryId, string text, DateTime nowUtc) => new()
    {
        ChatId = chatId,
        Text = text,
        AnswerCallbackQueryId = callbackQueryId,
        IsAnswer = true,
        State = OutboxState.Pending,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    public IReadOnlyList<IReadOnlyList<Button>> Buttons() =>
        ButtonsJson is null ? [] : JsonSerializer.Deserialize<List<List<Button>>>(ButtonsJson) ?? [];
}
