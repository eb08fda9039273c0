using PlanBot.Plans;

namespace PlanBot.Chat;

/// <summary>A chat (typically a leaders' group) that receives digests and reports, added by a supervisor with /subscribe.</summary>
public sealed class ChatSubscription
{
    public int Id { get; set; }

    /// <summary>Unique: a chat is subscribed once.</summary>
    public ChatAddress ChatId { get; set; }

    public int AddedByMemberId { get; set; }

    public DateTime AddedAtUtc { get; set; }
}
