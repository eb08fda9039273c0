namespace PlanBot.Chat.Progress;

public enum PromptIntent
{
    /// <summary>The owner pressed ⚠️ and is asked for the blocker's reason.</summary>
    Blocked,

    /// <summary>The owner pressed ⏰ and is asked for the new date and a reason.</summary>
    Extend,
}

/// <summary>
/// A question the bot asked in a private chat after a button press that cannot carry free text (⚠️, ⏰):
/// the next plain text in that chat answers it. One per chat; a newer press replaces it.
/// </summary>
public sealed class PendingPrompt
{
    public long ChatId { get; set; }

    public int MemberId { get; set; }

    public int TaskId { get; set; }

    public PromptIntent Intent { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
