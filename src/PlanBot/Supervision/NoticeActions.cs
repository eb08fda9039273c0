using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Chat.Cards;
using PlanBot.Chat.Progress;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Supervision;

/// <summary>
/// What an owner does with a notice in chat: 签收 (sign for it) and 反馈 (reply with progress and measures). Only the
/// task's owners (and admins) may; each is recorded on the notice and in the task's history; a reply reaches the
/// supervisors, and a percent in it is recorded as the task's progress too.
/// </summary>
public sealed class NoticeActions(TaskActions actions, NoticeMessages messages, PlanClock clock)
{
    public async Task<ChatResponse> SignAsync(ChatRequest r, NoticeNumber number, CancellationToken ct)
    {
        var t = r.T;
        if (await FindAsync(r, number, ct) is not { } notice)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        if (!r.Member.MayUpdate(notice.Task!))
        {
            return new ChatResponse([], t.Format("toast.notYourTask", notice.Task!.Code));
        }

        if (notice.ClosedAtUtc is not null)
        {
            return new ChatResponse([], t.Format("toast.noticeClosed", notice.Title, notice.ClosedNote ?? ""));
        }

        if (!notice.Sign(r.Member.Id, clock.UtcNow))
        {
            return new ChatResponse([], t.Format("toast.noticeAlreadySigned", notice.Title));
        }

        notice.Task!.RecordNotice(UpdateKind.NoticeSigned, notice.Title, r.Member.Id, UpdateChannel.Button, clock.UtcNow);
        return new ChatResponse(
            [r.Reply(t.Format("notice.signed", notice.Title, t.LongDate(notice.ReplyBy)), buttons: messages.Buttons(notice, t))],
            t.Format("toast.noticeSigned", notice.Title));
    }

    /// <summary>反馈 pressed: the owner is asked for the reply, which the next message (or a reply to the question) gives.</summary>
    public async Task<ChatResponse> AskReplyAsync(ChatRequest r, NoticeNumber number, CancellationToken ct)
    {
        var t = r.T;
        if (await FindAsync(r, number, ct) is not { } notice)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        var task = notice.Task!;
        if (!r.Member.MayUpdate(task))
        {
            return new ChatResponse([], t.Format("toast.notYourTask", task.Code));
        }

        if (notice.ClosedAtUtc is not null)
        {
            return new ChatResponse([], t.Format("toast.noticeClosed", notice.Title, notice.ClosedNote ?? ""));
        }

        if (!r.Message.IsPrivateChat)
        {
            return new ChatResponse([], t["toast.replyInPrivate"]);
        }

        await actions.ClosePromptsAsync(r, ct);
        var now = clock.UtcNow;
        var prompt = new Prompt
        {
            Key = Guid.NewGuid(),
            ChatId = r.Message.ChatId,
            MemberId = r.Member.Id,
            TaskId = task.Id,
            Intent = PromptIntent.NoticeReply,
            NoticeId = notice.Id,
            AskedAtUtc = now,
            OpenUntilUtc = now + TaskActions.PromptLifetime,
        };
        r.Db.Prompts.Add(prompt);
        return new ChatResponse(
            [r.Reply(t.Format("prompt.noticeReply", notice.Title, task.Code, task.Title), task.Id) with { ReplyKey = prompt.Key }],
            t["toast.replyPlease"]);
    }

    /// <summary>The reply to a notice's question: recorded on the notice, sent to the supervisors; a percent in it also moves the task.</summary>
    public async Task<ChatResponse> AnswerAsync(ChatRequest r, Prompt prompt, string text, CancellationToken ct)
    {
        var t = r.T;
        var notice = prompt.NoticeId is { } id ? await WithTaskAsync(r, await r.Db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct), ct) : null;
        if (notice is null)
        {
            prompt.Close(clock.UtcNow);
            return r.Answer(t["hint.plainText"]);
        }

        var task = notice.Task!;
        if (!r.Member.MayUpdate(task))
        {
            prompt.Close(clock.UtcNow);
            return r.Answer(t.Format("error.notYourTask", task.Code));
        }

        if (notice.ClosedAtUtc is not null)
        {
            prompt.Close(clock.UtcNow);
            return r.Answer(t.Format("toast.noticeClosed", notice.Title, notice.ClosedNote ?? ""));
        }

        var reply = PlainText.Clean(text);
        if (reply.Length == 0)
        {
            return r.Answer(t.Format("notice.replyEmpty", notice.Title));
        }

        if (reply.Length > ProgressText.NoteLimit)
        {
            return r.Answer(t.Format("error.noteTooLong", ProgressText.NoteLimit));
        }

        var now = clock.UtcNow;
        var firstSignature = !notice.IsSigned;
        notice.Answer(reply, r.Member.Id, now);
        if (firstSignature)
        {
            task.RecordNotice(UpdateKind.NoticeSigned, notice.Title, r.Member.Id, UpdateChannel.Reply, now);
        }

        task.RecordNotice(UpdateKind.NoticeReplied, notice.Title + ":" + reply, r.Member.Id, UpdateChannel.Reply, now);
        // Every question about the notice is answered now (the form's own and 反馈's): a later reply to the form is an
        // update of its task, not a second 反馈.
        prompt.Answered(now);
        foreach (var other in await r.Db.Prompts.Where(p => p.NoticeId == notice.Id && p.AnsweredAtUtc == null).ToListAsync(ct))
        {
            other.Answered(now);
        }

        var messagesOut = new List<Outbox.OutgoingMessage>();
        var parsed = ProgressText.ParseReply(reply, task);
        if (parsed.Input is { Kind: ProgressKind.Percent or ProgressKind.Value or ProgressKind.Done } input)
        {
            var recorded = await actions.RecordAsync(r, task, input, UpdateChannel.Reply, ct, parsed.TypedPercent);
            messagesOut.AddRange(recorded.Messages);
        }

        var told = await Supervisors.NotifyAsync(
            r.Db,
            r.Member,
            s => s.Format("notice.repliedToSupervisors", notice.Title, task.Code, task.Title, r.Member.Name, reply),
            ct,
            task.Id);
        messagesOut.Insert(0, r.Reply(t.Format("notice.replied", notice.Title) + "\n" + told.Summary(t)));
        messagesOut.AddRange(told.Messages);
        return new ChatResponse(messagesOut);
    }

    private static async Task<Notice?> FindAsync(ChatRequest r, NoticeNumber number, CancellationToken ct) =>
        await WithTaskAsync(r, await r.Db.Notices.FirstOrDefaultAsync(n => n.Year == number.Year && n.Kind == number.Kind && n.Number == number.Number, ct), ct);

    /// <summary>The notice with its task in full (owners, co-owners, milestones): who may act, and its light, depend on them.</summary>
    private static async Task<Notice?> WithTaskAsync(ChatRequest r, Notice? notice, CancellationToken ct)
    {
        if (notice is not null)
        {
            notice.Task = await r.Db.FindByIdAsync(notice.TaskId, ct);
        }

        return notice?.Task is null ? null : notice;
    }
}
