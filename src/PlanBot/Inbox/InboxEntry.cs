using System.Text.Json;
using PlanBot.Chat;

namespace PlanBot.Inbox;

public enum InboxState
{
    Pending,
    Processed,

    /// <summary>The router threw on every attempt; kept with its error so the queue moves on.</summary>
    Failed,
}

/// <summary>
/// One received update, stored before anything acts on it. The unique <see cref="UpdateId"/> makes a redelivered
/// update a no-op, and storing before acknowledging means a crash never loses one.
/// </summary>
public sealed class InboxEntry
{
    public long Id { get; set; }

    public long UpdateId { get; set; }

    public InboundKind Kind { get; set; }

    /// <summary>The <see cref="InboundMessage"/> as JSON.</summary>
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
