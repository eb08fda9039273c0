using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>
/// One message Telegram accepted from the outbox (every part of a split text), with what its outbox row said it was
/// about, so a reply to any of them can be matched to its task, the tasks it lists, or the question it asked.
/// </summary>
public sealed class SentMessage
{
    public long Id { get; set; }

    public ChatAddress ChatId { get; set; }

    public long TelegramMessageId { get; set; }

    public long OutboxId { get; set; }

    public int? TaskId { get; set; }

    /// <inheritdoc cref="OutgoingMessage.ListedTaskIds"/>
    public List<int> ListedTaskIds { get; set; } = [];

    /// <inheritdoc cref="OutgoingMessage.ReplyKey"/>
    public Guid? ReplyKey { get; set; }

    /// <summary>The record of <paramref name="row"/> (or one of its parts) sent as <paramref name="messageId"/>.</summary>
    public static SentMessage Of(OutboxMessage row, long messageId) => new()
    {
        ChatId = row.ChatId,
        TelegramMessageId = messageId,
        OutboxId = row.Id,
        TaskId = row.TaskId,
        ListedTaskIds = [.. row.ListedTaskIds],
        ReplyKey = row.ReplyKey,
    };
}
