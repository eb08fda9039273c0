namespace PlanBot.Plans;

/// <summary>A suggestion or complaint (意见建议) a member sent with /feedback; the admins are told, and it is kept.</summary>
public sealed class Feedback
{
    /// <summary>Longest text kept, in characters: a message's worth, not a document.</summary>
    public const int MaxLength = 1000;

    public int Id { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
