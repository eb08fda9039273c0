namespace PlanBot.Reports;

/// <summary>A chat (e.g. a leaders' group) that receives digests and monthly reports (/subscribe).</summary>
public sealed class ChatSubscription
{
    public int Id { get; set; }

    /// <summary>Unique.</summary>
    public long ChatId { get; set; }

    public int? AddedByMemberId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
