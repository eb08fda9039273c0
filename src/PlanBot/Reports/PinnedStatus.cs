using PlanBot.Chat;
using PlanBot.Outbox;

namespace PlanBot.Reports;

/// <summary>A subscribed group's live status message: what it says now and the outbox row that last sent or edited it.</summary>
public sealed class PinnedStatus
{
    public int Id { get; set; }

    /// <summary>Unique: one live message per group.</summary>
    public ChatAddress ChatId { get; set; }

    /// <summary>The counts as last sent, without the time line, so an edit happens only when a count changed.</summary>
    public required string Body { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public long? LastOutboxMessageId { get; set; }

    /// <summary>Null once the row it pointed at is gone: the next change sends (and pins) a new message.</summary>
    public OutboxMessage? LastOutboxMessage { get; set; }
}
