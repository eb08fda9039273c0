using PlanBot.Plans;

namespace PlanBot.Telegram;

/// <summary>
/// The one live status message a subscribed Telegram group keeps pinned (<see cref="GroupStatusUpdater"/>): which
/// message it is, what it last said, and whether the bot could pin it.
/// </summary>
public sealed class GroupStatusMessage
{
    public int Id { get; set; }

    /// <summary>Unique: one status message per group.</summary>
    public ChatAddress ChatId { get; set; }

    /// <summary>The outbox row of the last post or edit, until its message id is known.</summary>
    public long? OutboxId { get; set; }

    /// <summary>Telegram's id of the status message (a re-post after it was deleted changes it).</summary>
    public long? MessageId { get; set; }

    /// <summary>The message id last pinned; differs from <see cref="MessageId"/> until the new one is pinned.</summary>
    public long? PinnedMessageId { get; set; }

    /// <summary>What the message says, without its "updated at" line: a change of this is what makes an edit.</summary>
    public string? Content { get; set; }

    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>When the group was told the bot needs the right to pin messages (once).</summary>
    public DateTime? PinRightsAskedAtUtc { get; set; }
}
