using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Buttons;
using PlanBot.Chat.Cards;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Chat.Progress;

/// <summary>
/// Supervisors decide an owner's request to close a task (申请销号, <see cref="PlanTask.RequestCloseOut"/>): 销号 confirms
/// it, 退回 asks why and sends it back with that reason, and the owner is told. A request is decided once: the button of a
/// request that was decided, withdrawn or asked again changes nothing and says what became of it. Supervisors and admins
/// decide, never an owner of the task (<see cref="PlanTask.CloseOutDecisionRefusal"/>).
/// </summary>
public sealed class CloseOutDecisions(TaskActions actions, TaskCards cards, TaskButtons buttons, PlanClock clock)
{
    /// <summary>How many times the task was asked to close so far (saved rows): the next request's number is one more.</summary>
    public static Task<int> RequestCountAsync(PlanBotDbContext db, int taskId, CancellationToken ct) =>
        db.ProgressUpdates.CountAsync(h => h.TaskId == taskId && h.Kind == UpdateKind.CloseOutRequested, ct);

    public static bool MayDecide(Member member) => member.Has(MemberRoles.Supervisor) || member.Has(MemberRoles.Admin);

    /// <summary>The task's requests to close, oldest first; needs <see cref="PlanTask.History"/> loaded.</summary>
    public static List<ProgressUpdate> Requests(PlanTask task) =>
        task.History.Where(h => h.Kind == UpdateKind.CloseOutRequested).OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToList();

    /// <summary>
    /// The owner and whoever asked (an admin may ask for an owner), each in their language, but not the one who decided
    /// and not someone the bot cannot reach. The messages are about the task, so a reply to one updates it.
    /// </summary>
    public static async Task<List<OutgoingMessage>> ToOwnersAsync(
        PlanBotDbContext db, PlanTask task, ProgressUpdate request, int? deciderId, Func<TextSet, string> text, CancellationToken ct,
        Func<TextSet, IReadOnlyList<IReadOnlyList<Button>>>? buttons = null)
    {
        var ids = new[] { task.OwnerId, request.MemberId }.OfType<int>().Distinct().Where(id => id != deciderId).ToArray();
        var members = await db.Members.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
        return
        [
            .. members.Where(m => m is { ChatId: not null, Reachable: true }).Select(m =>
            {
                var t = TextSet.For(m.Language);
                return new OutgoingMessage(m.ChatId!.Value, text(t)) { RecipientMemberId = m.Id, TaskId = task.Id, Buttons = buttons?.Invoke(t) ?? [] };
            }),
        ];
    }

    /// <summary>销号 or 退回 pressed on the request <see cref="CallbackAction.Request"/> names.</summary>
    public async Task<ChatResponse> PressAsync(ChatRequest r, CallbackAction action, CancellationToken ct)
    {
        var t = r.T;
        if (!MayDecide(r.Member))
        {
            return new ChatResponse([], t["toast.supervisorsOnly"]);
        }

        var task = await r.Db.FindByIdAsync(action.TaskId, ct);
        if (task is null)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        await r.Db.Entry(task).Collection(x => x.History).LoadAsync(ct);
        var requests = Requests(task);
        if (action.Request > requests.Count)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        var request = requests[action.Request - 1];
        if (action.Request < requests.Count || task.Status != PlanTaskStatus.CloseRequested)
        {
            return await AlreadyHandledAsync(r, task, request, ct);
        }

        if (task.CloseOutDecisionRefusal(r.Member.Id) == CloseOutRefusal.OwnTask)
        {
            return new ChatResponse([r.Reply(t.Format("closeOut.ownTask", task.Code), task.Id)], t["toast.ownTask"]);
        }

        if (action.Verb == CallbackVerb.ReturnCloseOut)
        {
            return await AskReasonAsync(r, task, ct);
        }

        await actions.ClosePromptsAsync(r, ct);
        task.ConfirmCloseOut(r.Member.Id, UpdateChannel.Button, clock.UtcNow);
        var messages = new List<OutgoingMessage>
        {
            // Replace the request (and its buttons) with the decision, so nobody presses it again.
            r.Reply(t.Format("closeOut.confirmedBy", task.Code, task.Title, r.Member.Name), task.Id) with { EditMessageId = r.Message.MessageId },
        };
        messages.AddRange(await ToOwnersAsync(r.Db, task, request, r.Member.Id,
            ot => ot.Format("closeOut.ownerConfirmed", task.Code, task.Title, r.Member.Name), ct));
        return new ChatResponse(messages, t["toast.closedOut"]);
    }

    /// <summary>
    /// The answer to the 退回 question: the reason, told to the owner. Refused (and the question closed) when the request it
    /// was asked about is no longer the one waiting; an empty reason keeps the question open.
    /// </summary>
    public async Task<ChatResponse> ReturnAsync(ChatRequest r, Prompt prompt, PlanTask task, string text, CancellationToken ct)
    {
        var t = r.T;
        var now = clock.UtcNow;
        if (!MayDecide(r.Member))
        {
            prompt.Close(now);
            return r.Answer(t["closeOut.supervisorsOnly"]);
        }

        await r.Db.Entry(task).Collection(x => x.History).LoadAsync(ct);
        var asked = Requests(task).LastOrDefault(h => h.AtUtc <= prompt.AskedAtUtc);
        if (asked is null)
        {
            prompt.Close(now);
            return r.Answer(t["hint.plainText"]);
        }

        if (task.PendingCloseOut() != asked)
        {
            prompt.Close(now);
            return await AlreadyHandledAsync(r, task, asked, ct);
        }

        if (task.CloseOutDecisionRefusal(r.Member.Id) == CloseOutRefusal.OwnTask)
        {
            prompt.Close(now);
            return r.Answer(t.Format("closeOut.ownTask", task.Code), task.Id);
        }

        var reason = PlainText.Clean(text).Trim();
        if (reason.Length == 0)
        {
            return r.Answer(t["error.reasonMissing"] + "\n" + t.Format("prompt.returnAgain", task.Code));
        }

        if (ProgressText.CheckNote(reason) is { } tooLong)
        {
            return r.Answer(t.Format(tooLong.ErrorKey!, tooLong.ErrorArgs));
        }

        task.ReturnCloseOut(reason, r.Member.Id, UpdateChannel.Reply, now);
        var told = await ToOwnersAsync(r.Db, task, asked, r.Member.Id,
            ot => ot.Format("closeOut.ownerReturned", task.Code, task.Title, r.Member.Name, reason, task.ProgressPercent),
            ct, ot => buttons.ForTask(task, ot.Language));
        var answer = t.Format("closeOut.returnedBy", task.Code, reason, task.ProgressPercent) + "\n"
            + (told.Count > 0 ? t["closeOut.ownerTold"] : t["closeOut.ownerNotTold"]);
        return new ChatResponse([r.Reply(answer, task.Id), .. told]);
    }

    /// <summary>
    /// Supervisors awaiting a task's close-out see the decision buttons on its card (/task) instead of the owners' buttons,
    /// so the digest's 待销号 list can be acted on without the request's message. Null when the member does not decide it.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<Button>>?> CardButtonsAsync(ChatRequest r, PlanTask task, CancellationToken ct) =>
        task.Status == PlanTaskStatus.CloseRequested && MayDecide(r.Member) && !task.IsOwnedBy(r.Member.Id)
            ? buttons.ForCloseOut(task.Id, await RequestCountAsync(r.Db, task.Id, ct), r.T.Language)
            : null;

    private async Task<ChatResponse> AskReasonAsync(ChatRequest r, PlanTask task, CancellationToken ct)
    {
        var t = r.T;
        if (!r.Message.IsPrivateChat)
        {
            // Plain text in groups is not for the bot, so the reason could never arrive.
            return new ChatResponse([], t["toast.returnInPrivate"]);
        }

        var prompt = await actions.OpenPromptAsync(r, task, PromptIntent.ReturnCloseOut, ct);
        var text = t.Format("prompt.returnCloseOut", task.Code, task.Title);
        return new ChatResponse([r.Reply(text, task.Id) with { ReplyKey = prompt.Key }], t["toast.returnReason"]);
    }

    /// <summary>What became of <paramref name="request"/>, and the newer request's buttons when one waits now. Changes nothing.</summary>
    private async Task<ChatResponse> AlreadyHandledAsync(ChatRequest r, PlanTask task, ProgressUpdate request, CancellationToken ct)
    {
        var t = r.T;
        var after = task.History
            .Where(h => h.AtUtc > request.AtUtc || (h.AtUtc == request.AtUtc && h.Id > request.Id))
            .OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
            .FirstOrDefault(h => h.Kind is UpdateKind.ClosedOut or UpdateKind.CloseOutReturned or UpdateKind.CloseOutRequested
                or UpdateKind.Progress or UpdateKind.Blocked or UpdateKind.Done);
        var by = after?.MemberId is { } id ? (await r.Db.Members.FindAsync([id], ct))?.Name : null;
        var text = after?.Kind switch
        {
            UpdateKind.ClosedOut => t.Format("closeOut.alreadyClosed", task.Code, by ?? t["card.system"]),
            UpdateKind.CloseOutReturned => t.Format("closeOut.alreadyReturned", task.Code, by ?? t["card.system"], after.Note),
            _ => t.Format("closeOut.withdrawn", task.Code, t.StatusName(task.Status), task.ProgressPercent),
        };
        IReadOnlyList<IReadOnlyList<Button>> keyboard = [];
        if (task.Status == PlanTaskStatus.CloseRequested && !task.IsOwnedBy(r.Member.Id))
        {
            text += "\n" + t.Format("closeOut.askedAgain", task.Code) + "\n" + cards.Line(task, t);
            keyboard = buttons.ForCloseOut(task.Id, Requests(task).Count, t.Language);
        }

        return new ChatResponse([r.Reply(text, task.Id, keyboard)], t["toast.alreadyDecided"]);
    }
}
