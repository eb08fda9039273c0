namespace PlanBot.Outbox;

/// <summary>
/// One message Telegram accepted from the outbox (every part of a split text), so a reply to any of them
/// can be matched to the task the message was about.
/// </summary>
public sealed class SentMessage
{
    public long Id { get; set; }

    public long ChatId { get; set; }

    public long TelegramMessageId { get; set; }

    public long OutboxId { get; set; }

    public int? TaskId { get; set; }
}
