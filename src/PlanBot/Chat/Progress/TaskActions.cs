using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Chat.Buttons;
using PlanBot.Chat.Cards;
using PlanBot.Texts;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

/// <summary>
/// What owners and supervisors do to a task, shared by commands, buttons and replies: validate, change it through
/// the task's own methods (<see cref="PlanTask.RecordProgress"/> and the rest), tell the supervisors, and answer
/// with what was recorded. Where close-outs are reviewed (<see cref="CloseOutOptions.RequireReview"/>), "done" and
/// 100 % are a request to close (申请销号) that supervisors decide (<see cref="CloseOutDecisions"/>).
/// </summary>
public sealed class TaskActions(TaskCards cards, TaskButtons buttons, PlanClock clock, IOptions<CloseOutOptions> closeOut)
{
    /// <summary>How long a ⚠️/⏰ question waits for its answer.</summary>
    public static readonly TimeSpan PromptLifetime = TimeSpan.FromHours(6);

    /// <summary>
    /// Records <paramref name="input"/>; <paramref name="typedPercent"/> is the percent as typed when the parser rounded
    /// it, and the answer then says what was recorded.
    /// </summary>
    public async Task<ChatResponse> RecordAsync(
        ChatRequest r, PlanTask task, ProgressInput input, UpdateChannel channel, CancellationToken ct, decimal? typedPercent = null)
    {
        if (closeOut.Value.RequireReview && PlanTask.ClaimsFinished(input))
        {
            return await RequestCloseOutAsync(r, task, input, channel, ct);
        }

        task.RecordProgress(input, r.Member.Id, channel, clock.UtcNow);
        var t = r.T;
        var text = input.Kind switch
        {
            ProgressKind.Done => t.Format("recorded.done", task.Code),
            ProgressKind.Value => t.Format("recorded.value", task.Code, input.Value, task.TargetValue, task.TargetUnit, input.Percent),
            ProgressKind.Percent => t.Format("recorded.percent", task.Code, input.Percent),
            _ => t.Format("recorded.note", task.Code),
        };
        if (typedPercent is { } typed && input.Kind == ProgressKind.Percent)
        {
            text += "\n" + t.Format(input.Percent == 99 && typed > 99 ? "recorded.roundedOpen" : "recorded.rounded", TextSet.Number(typed), input.Percent);
        }

        if (input.Note is not null && input.Kind != ProgressKind.Note)
        {
            text += "\n" + t.Format("recorded.withNote", input.Note);
        }

        return await WithTaskAsync(r, task, text, channel, ct);
    }

    /// <summary>
    /// 申请销号: done or 100 % where close-outs are reviewed. The supervisors get the request with 销号 / 退回 buttons that
    /// name it by its number among the task's requests; the owner is told it awaits their decision.
    /// </summary>
    private async Task<ChatResponse> RequestCloseOutAsync(ChatRequest r, PlanTask task, ProgressInput input, UpdateChannel channel, CancellationToken ct)
    {
        var t = r.T;
        switch (task.CloseOutRequestRefusal())
        {
            case CloseOutRefusal.AlreadyDone:
                return r.Answer(t.Format("done.already", task.Code), task.Id);
            case CloseOutRefusal.AlreadyRequested:
                return r.Answer(t.Format("closeOut.alreadyRequested", task.Code), task.Id);
        }

        var number = await CloseOutDecisions.RequestCountAsync(r.Db, task.Id, ct) + 1;
        task.RequestCloseOut(input, r.Member.Id, channel, clock.UtcNow);
        var note = input.Note;
        var notice = await Supervisors.NotifyAsync(r.Db, r.Member,
            st => st.Format("notify.closeOut", r.Member.Name, new RawHtml(cards.Line(task, st)))
                  + (note is null ? "" : "\n" + st.Format("recorded.withNote", note)),
            ct, task.Id, st => buttons.ForCloseOut(task.Id, number, st.Language));
        var text = input.Kind == ProgressKind.Value
            ? t.Format("recorded.closeOutValue", task.Code, input.Value, task.TargetValue, task.TargetUnit)
            : t.Format("recorded.closeOut", task.Code);
        if (note is not null)
        {
            text += "\n" + t.Format("recorded.withNote", note);
        }

        var own = await WithTaskAsync(r, task, text + "\n" + notice.Summary(t), channel, ct);
        return own with { Messages = [.. own.Messages, .. notice.Messages] };
    }

    public async Task<ChatResponse> BlockAsync(ChatRequest r, PlanTask task, string reason, UpdateChannel channel, CancellationToken ct)
    {
        reason = PlainText.Clean(reason).Trim();
        if (reason.Length == 0)
        {
            return r.Usage(r.T["error.reasonMissing"], "blocked");
        }

        if (ProgressText.CheckNote(reason) is { } tooLong)
        {
            return r.Answer(r.T.Format(tooLong.ErrorKey!, tooLong.ErrorArgs));
        }

        task.Block(reason, r.Member.Id, channel, clock.UtcNow);
        var notice = await Supervisors.NotifyAsync(r.Db, r.Member,
            t => t.Format("notify.blocked", r.Member.Name, new RawHtml(cards.Line(task, t)), reason), ct, task.Id);
        var confirmation = r.T.Format("recorded.blocked", task.Code, reason) + "\n" + notice.Summary(r.T);
        var own = await WithTaskAsync(r, task, confirmation, channel, ct);
        return own with { Messages = [.. own.Messages, .. notice.Messages] };
    }

    /// <summary>
    /// "2024-12-31 reason": the arguments of /extend after the code (<see cref="UpdateChannel.Command"/>), or the
    /// answer to ⏰ (<see cref="UpdateChannel.Reply"/>), which a refusal asks to send again with an example that fits the task.
    /// </summary>
    public async Task<ChatResponse> RequestExtensionAsync(ChatRequest r, PlanTask task, string dateAndReason, UpdateChannel channel, CancellationToken ct)
    {
        var t = r.T;
        ChatResponse Refuse(string problem) => channel == UpdateChannel.Reply
            ? r.Answer(problem + "\n" + t.Format("prompt.extendAgain", ExampleDeadline(task, clock.Today)))
            : r.Usage(problem, "extend");

        var (dateText, reason) = CommandLine.SplitFirst(PlainText.Clean(dateAndReason));
        if (dateText.Length == 0)
        {
            return Refuse(t["error.dateMissing"]);
        }

        if (!TryParseDate(dateText, out var deadline))
        {
            return Refuse(t.Format("error.dateForm", dateText, ExampleDeadline(task, clock.Today)));
        }

        if (deadline <= clock.Today)
        {
            return Refuse(t.Format("error.datePast", deadline));
        }

        if (deadline <= task.Deadline)
        {
            return Refuse(t.Format("error.dateNotLater", deadline, task.Deadline));
        }

        if (reason.Length == 0)
        {
            return Refuse(t["error.reasonMissing"]);
        }

        if (ProgressText.CheckNote(reason) is { } tooLong)
        {
            return r.Answer(t.Format(tooLong.ErrorKey!, tooLong.ErrorArgs));
        }

        var pending = await r.Db.ExtensionRequests
            .Where(e => e.TaskId == task.Id && e.Status == ExtensionStatus.Pending)
            .FirstOrDefaultAsync(ct);
        if (pending is not null)
        {
            return r.Answer(t.Format("extension.alreadyPending", task.Code, pending.RequestedDeadline));
        }

        r.Db.ExtensionRequests.Add(task.RequestExtension(deadline, reason, r.Member.Id, channel, clock.UtcNow));
        var notice = await Supervisors.NotifyAsync(r.Db, r.Member,
            st => st.Format("notify.extension", r.Member.Name, new RawHtml(cards.Line(task, st)), task.Deadline, deadline, reason),
            ct, task.Id, st => buttons.ForExtension(task.Id, deadline, task.Deadline, st.Language));
        var confirmation = t.Format("recorded.extension", task.Code, task.Deadline, deadline) + "\n" + notice.Summary(t);
        return new ChatResponse([r.Reply(confirmation, task.Id), .. notice.Messages]);
    }

    /// <summary>A supervisor pressed approve or refuse; a request is decided once, a second press is told who decided it.</summary>
    public async Task<ChatResponse> DecideAsync(ChatRequest r, CallbackAction action, CancellationToken ct)
    {
        var t = r.T;
        if (!r.Member.Has(MemberRoles.Supervisor) && !r.Member.Has(MemberRoles.Admin))
        {
            return new ChatResponse([], t["toast.supervisorsOnly"]);
        }

        var task = await r.Db.FindByIdAsync(action.TaskId, ct);
        var requests = await r.Db.ExtensionRequests
            .Where(e => e.TaskId == action.TaskId && e.RequestedDeadline == action.Deadline)
            .OrderByDescending(e => e.Id)
            .ToListAsync(ct);
        if (task is null || requests.Count == 0)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        var request = requests.FirstOrDefault(e => e.Status == ExtensionStatus.Pending);
        if (request is null)
        {
            var decided = requests[0];
            var decider = decided.DecidedById is { } id ? await r.Db.Members.FindAsync([id], ct) : null;
            var already = t.Format("extension.alreadyDecided", task.Code, t["extension.status." + decided.Status], decider?.Name ?? "?");
            return new ChatResponse([r.Reply(already, task.Id)], t["toast.alreadyDecided"]);
        }

        var approve = action.Verb == CallbackVerb.Approve;
        if (approve)
        {
            if (action.Shown is null)
            {
                // A button from before buttons carried the deadline shown: the history tells whether it moved since.
                await r.Db.Entry(task).Collection(x => x.History).LoadAsync(ct);
            }

            switch (task.ApprovalConflict(request, action.Shown))
            {
                case ExtensionConflict.NotLater:
                    // Nothing changes; the request stays pending so the supervisor can refuse (close) it.
                    return new ChatResponse(
                        [r.Reply(t.Format("extension.notLater", task.Code, task.Deadline, request.RequestedDeadline), task.Id)],
                        t["toast.notApproved"]);
                case ExtensionConflict.DeadlineChangedSince:
                    var question = t.Format("extension.changedSince", task.Code, task.Deadline, request.RequestedDeadline);
                    return new ChatResponse(
                        [r.Reply(question, task.Id) with { Buttons = buttons.ForExtension(task.Id, request.RequestedDeadline, task.Deadline, t.Language) }],
                        t["toast.askAgain"]);
            }
        }

        task.DecideExtension(request, approve, r.Member.Id, UpdateChannel.Button, clock.UtcNow, action.Shown);
        var decision = t.Format(approve ? "extension.approvedBy" : "extension.refusedBy", task.Code, request.RequestedDeadline, r.Member.Name);
        var messages = new List<OutgoingMessage>
        {
            // Replace the request (and its buttons) with the decision, so nobody presses it again.
            r.Reply(decision, task.Id) with { EditMessageId = r.Message.MessageId },
        };
        var owner = await r.Db.Members.FindAsync([request.RequestedById], ct);
        if (owner is { ChatId: { } chat, Reachable: true } && owner.Id != r.Member.Id)
        {
            var ot = TextSet.For(owner.Language);
            var text = ot.Format(approve ? "extension.ownerApproved" : "extension.ownerRefused", task.Code, request.RequestedDeadline, r.Member.Name);
            messages.Add(new OutgoingMessage(chat, text) { RecipientMemberId = owner.Id, TaskId = task.Id });
        }

        return new ChatResponse(messages, t[approve ? "toast.approved" : "toast.refused"]);
    }

    /// <summary>
    /// ⚠️ or ⏰ pressed: asks for the reason (and date) and remembers the question under a key its message carries, so
    /// a reply to it is its answer. It becomes the chat's one open question: earlier ones are answered by replies only.
    /// </summary>
    public async Task<ChatResponse> AskAsync(ChatRequest r, PlanTask task, PromptIntent intent, CancellationToken ct)
    {
        if (!r.Message.IsPrivateChat)
        {
            // Plain text in groups is not for the bot, so the answer could never arrive: point to the command instead.
            return new ChatResponse([], r.T.Format(intent == PromptIntent.Blocked ? "toast.useBlocked" : "toast.useExtend", task.Code));
        }

        var prompt = await OpenPromptAsync(r, task, intent, ct);
        var t = r.T;
        var text = intent == PromptIntent.Blocked
            ? t.Format("prompt.blocked", task.Code, task.Title)
            : t.Format("prompt.extend", task.Code, task.Title, task.Deadline, ExampleDeadline(task, clock.Today));
        return new ChatResponse([r.Reply(text, task.Id) with { ReplyKey = prompt.Key }], t["toast.replyPlease"]);
    }

    /// <summary>
    /// Remembers a question asked in this chat about <paramref name="task"/> as the chat's one open question (earlier ones
    /// are closed); its message carries <see cref="Prompt.Key"/> (<see cref="OutgoingMessage.ReplyKey"/>).
    /// </summary>
    public async Task<Prompt> OpenPromptAsync(ChatRequest r, PlanTask task, PromptIntent intent, CancellationToken ct)
    {
        await ClosePromptsAsync(r, ct);
        var now = clock.UtcNow;
        var prompt = new Prompt
        {
            Key = Guid.NewGuid(),
            ChatId = r.Message.ChatId,
            MemberId = r.Member.Id,
            TaskId = task.Id,
            Intent = intent,
            AskedAtUtc = now,
            OpenUntilUtc = now + PromptLifetime,
        };
        r.Db.Prompts.Add(prompt);
        return prompt;
    }

    /// <summary>
    /// Closes the open ⚠️/⏰ question of a chat once the member does something else (a command, another button), so a
    /// later plain message is never mistaken for its answer. A reply to the question still answers it.
    /// </summary>
    public async Task ClosePromptsAsync(ChatRequest r, CancellationToken ct)
    {
        var now = clock.UtcNow;
        foreach (var open in await r.Db.Prompts.Where(p => p.ChatId == r.Message.ChatId && p.OpenUntilUtc > now).ToListAsync(ct))
        {
            open.Close(now);
        }
    }

    /// <summary>
    /// A new deadline the bot would accept for <paramref name="task"/>, for the examples the ⏰ question and its retries
    /// show: the end of the month after the later of the deadline and today, so always after both.
    /// </summary>
    public static DateOnly ExampleDeadline(PlanTask task, DateOnly today)
    {
        var nextMonth = (task.Deadline > today ? task.Deadline : today).AddMonths(1);
        return new DateOnly(nextMonth.Year, nextMonth.Month, DateTime.DaysInMonth(nextMonth.Year, nextMonth.Month));
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private async Task<ChatResponse> WithTaskAsync(ChatRequest r, PlanTask task, string confirmation, UpdateChannel channel, CancellationToken ct)
    {
        if (channel != UpdateChannel.Button)
        {
            return r.Answer(confirmation + "\n" + cards.Line(task, r.T), task.Id);
        }

        // After a button press the owner sees the refreshed card with its buttons, ready for the next press.
        var card = await cards.CardAsync(r.Db, task, r.T, ct);
        return r.Answer(confirmation + "\n\n" + card, task.Id, buttons.ForTask(task, r.T.Language));
    }

    /// <summary>
    /// A percent or ✅ pressed on a card older than the task's last change: nothing changes, the member gets the
    /// current card to press again.
    /// </summary>
    public async Task<ChatResponse> StaleCardAsync(ChatRequest r, PlanTask task, CancellationToken ct)
    {
        var card = await cards.CardAsync(r.Db, task, r.T, ct);
        var text = r.T.Format("card.stale", task.Code) + "\n\n" + card;
        return r.Answer(text, task.Id, buttons.ForTask(task, r.T.Language)) with { CallbackAnswer = r.T["toast.staleCard"] };
    }

    /// <summary>
    /// A percent pressed on a done task, or on one awaiting close-out: asks whether to reopen it or withdraw the request (a
    /// stray press must not undo "done" or a request the supervisors are deciding).
    /// </summary>
    public ChatResponse AskReopen(ChatRequest r, PlanTask task, int percent)
    {
        var withdraw = task.Status == PlanTaskStatus.CloseRequested;
        return new(
            [r.Reply(r.T.Format(withdraw ? "confirm.withdrawCloseOut" : "confirm.reopen", task.Code, percent), task.Id,
                buttons.ForReopen(task, percent, r.T.Language))],
            r.T.Format(withdraw ? "toast.withdrawQuestion" : "toast.reopenQuestion", task.Code));
    }
}
