using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Supervision;

/// <summary>A notice as its owner reads it, laid out like the paper form, with 签收 and 反馈 buttons.</summary>
public sealed class NoticeMessages(ITaskButtons buttons)
{
    /// <summary>
    /// The form for the owner. A reply to it is the 反馈 (its <see cref="OutgoingMessage.ReplyKey"/> is the notice's
    /// question, <see cref="Chat.Progress.PromptIntent.NoticeReply"/>), so the owner may simply answer it; once the notice
    /// is answered, a reply to the form updates its task as a reply to a reminder does.
    /// </summary>
    public OutgoingMessage ForOwner(Notice notice, Member owner, Guid? replyKey = null)
    {
        var t = TextSet.For(owner.Language);
        return new OutgoingMessage(owner.ChatId!.Value, Form(notice, t))
        {
            RecipientMemberId = owner.Id,
            TaskId = notice.TaskId,
            Buttons = Buttons(notice, t),
            ReplyKey = replyKey,
        };
    }

    /// <summary>The form's text: number, task, lead unit, what is behind and by how much, and the reply deadline.</summary>
    public static string Form(Notice notice, TextSet t)
    {
        var task = notice.Task!;
        return t.Format(
            "notice.form",
            new RawHtml(t.Format("notice.header." + notice.Kind, notice.Title)),
            task.Code,
            task.Title,
            string.IsNullOrWhiteSpace(task.LeadUnit) ? "—" : task.LeadUnit,
            notice.Situation,
            notice.ScheduledPercent,
            notice.ProgressPercent,
            t.LongDate(notice.ReplyBy));
    }

    /// <summary>Where a notice stands: 未签收 / 已签收 / 已反馈 (with the days).</summary>
    public static string State(Notice notice, TextSet t, Func<DateTime, DateOnly> toLocalDate) => notice switch
    {
        { IsReplied: true } => t.Format("notice.state.replied", t.ShortDate(toLocalDate(notice.RepliedAtUtc!.Value))),
        { ClosedAtUtc: { } closed } => t.Format("notice.state.closed", t.ShortDate(toLocalDate(closed)), notice.ClosedNote ?? ""),
        { IsSigned: true } => t.Format("notice.state.signed", t.ShortDate(toLocalDate(notice.SignedAtUtc!.Value))),
        _ => t["notice.state.unsigned"],
    };

    public IReadOnlyList<IReadOnlyList<Button>> Buttons(Notice notice, TextSet t) => buttons.ForNotice(notice, t.Language);
}
