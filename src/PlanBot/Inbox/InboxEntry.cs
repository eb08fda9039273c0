using System.Text.Json;
using PlanBot.Chat;

namespace PlanBot.Inbox;

public enum InboxState
{
    Pending,
    Processed,

    /// <summary>The router threw on every attempt; kept with its error so the queue moves on.</summary>
    Failed,

    /// <summary>
    /// Received but not readable as an update (see <see cref="UnreadableUpdate"/>): kept with its raw JSON in
    /// <see cref="InboxEntry.Payload"/>, never processed, never retried.
    /// </summary>
    Unreadable,
}

/// <summary>
/// One received update, stored before anything acts on it. The unique <see cref="UpdateId"/> makes a redelivered
/// update a no-op, and storing before acknowledging means a crash never loses one.
/// </summary>
public sealed class InboxEntry
{
    public long Id { get; set; }

    /// <summary>Null only for an <see cref="InboxState.Unreadable"/> update whose id could not be read either.</summary>
    public long? UpdateId { get; set; }

    /// <summary>DingTalk's message id (unique): its inbox key, as <see cref="UpdateId"/> is Telegram's.</summary>
    public string? DeliveryId { get; set; }

    public InboundKind Kind { get; set; }

    /// <summary>The <see cref="InboundMessage"/> as JSON; for an <see cref="InboxState.Unreadable"/> entry, the update as received.</summary>
    public required string Payload { get; set; }

    public InboxState State { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime? ProcessedAtUtc { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public InboundMessage Message() =>
        JsonSerializer.Deserialize<InboundMessage>(Payload)
        ?? throw new InvalidOperationException($"Inbox entry {UpdateId} has an empty payload.");

    public static string ToPayload(InboundMessage message) => JsonSerializer.Serialize(message);
}
