using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

public enum PromptIntent
{
    /// <summary>The owner pressed ⚠️ and is asked for the blocker's reason.</summary>
    Blocked,

    /// <summary>The owner pressed ⏰ and is asked for the new date and a reason.</summary>
    Extend,

    /// <summary>A 提示单 or 督办单 (<see cref="Prompt.NoticeId"/>) asks the owner for progress and measures (反馈).</summary>
    NoticeReply,

    /// <summary>A supervisor pressed 退回 on a request to close the task and is asked why; the owner is told the answer.</summary>
    ReturnCloseOut,
}

/// <summary>
/// A question the bot asked in a private chat after a button press that cannot carry free text (⚠️, ⏰, 退回). A reply to the
/// question's message answers it, found by <see cref="Key"/>, whatever was asked since and however long ago, so it is
/// kept after it is answered. A plain message (not a reply) answers only the chat's newest question, and only while it
/// is open.
/// </summary>
public sealed class Prompt
{
    public long Id { get; set; }

    /// <summary>Carried by the question's message (<see cref="Outbox.OutgoingMessage.ReplyKey"/>) and brought back by a reply to it.</summary>
    public Guid Key { get; set; }

    public ChatAddress ChatId { get; set; }

    public int MemberId { get; set; }

    public int TaskId { get; set; }

    public PromptIntent Intent { get; set; }

    /// <summary>The notice a <see cref="PromptIntent.NoticeReply"/> answers.</summary>
    public long? NoticeId { get; set; }

    /// <summary>The notice itself, for a question asked with the notice in one save (its id is not known before).</summary>
    public Supervision.Notice? Notice { get; set; }

    public DateTime AskedAtUtc { get; set; }

    /// <summary>
    /// Until when a plain message answers it: <see cref="TaskActions.PromptLifetime"/> after the press, cut short when
    /// it is answered, a newer question is asked or the member does something else, so a later chat message is never
    /// mistaken for its answer.
    /// </summary>
    public DateTime OpenUntilUtc { get; set; }

    /// <summary>When something was recorded from an answer to it; null while it waits (a refused date keeps it waiting).</summary>
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>
    /// Whether a reply to the question's message is its answer. A ⏰ question always: its answer starts with a date, and a
    /// second request is refused while the first is pending. A ⚠️ question until it is answered: any text is a reason,
    /// so a later reply ("60 资金已到位") is an update of the task, as a reply to its card is, not a second blocker.
    /// </summary>
    public bool TakesReplies => Intent == PromptIntent.Extend || AnsweredAtUtc is null;

    public bool IsOpen(DateTime nowUtc) => OpenUntilUtc > nowUtc;

    public void Answered(DateTime nowUtc)
    {
        AnsweredAtUtc ??= nowUtc;
        Close(nowUtc);
    }

    public void Close(DateTime nowUtc)
    {
        if (IsOpen(nowUtc))
        {
            OpenUntilUtc = nowUtc;
        }
    }
}
