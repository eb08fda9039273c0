using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Cards;
using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Buttons;

/// <summary>
/// A button press. The signature proves the bot made the button; whether the presser may act on the task is checked
/// separately, so a button forwarded to or pressed by someone else changes nothing.
/// </summary>
public sealed class CallbackHandler(CallbackSigner signer, TaskActions actions, CloseOutDecisions closeOuts, Supervision.NoticeActions notices)
{
    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var t = r.T;
        var payload = signer.Verify(r.Message.CallbackData);
        var action = payload is null ? null : CallbackAction.Parse(payload);
        if (action is null)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        if (action.Verb is CallbackVerb.Approve or CallbackVerb.Refuse)
        {
            return await actions.DecideAsync(r, action, ct);
        }

        if (action.Verb is CallbackVerb.SignNotice)
        {
            return await notices.SignAsync(r, action.Notice!.Value, ct);
        }

        if (action.Verb is CallbackVerb.ReplyNotice)
        {
            return await notices.AskReplyAsync(r, action.Notice!.Value, ct);
        }

        if (action.Verb is CallbackVerb.CloseOut or CallbackVerb.ReturnCloseOut)
        {
            return await closeOuts.PressAsync(r, action, ct);
        }

        var task = await r.Db.FindByIdAsync(action.TaskId, ct);
        if (task is null)
        {
            return new ChatResponse([], t["toast.invalidButton"]);
        }

        if (!r.Member.MayUpdate(task))
        {
            return new ChatResponse([], t.Format("toast.notYourTask", task.Code));
        }

        switch (action.Verb)
        {
            case CallbackVerb.Blocked:
                return await actions.AskAsync(r, task, PromptIntent.Blocked, ct);
            case CallbackVerb.Extend:
                var pending = await r.Db.ExtensionRequests
                    .FirstOrDefaultAsync(e => e.TaskId == task.Id && e.Status == ExtensionStatus.Pending, ct);
                return pending is null
                    ? await actions.AskAsync(r, task, PromptIntent.Extend, ct)
                    : new ChatResponse([r.Reply(t.Format("extension.alreadyPending", task.Code, pending.RequestedDeadline), task.Id)], t["toast.pending"]);
            default:
                await actions.ClosePromptsAsync(r, ct);
                if (action.Verb == CallbackVerb.Percent && task.Status is PlanTaskStatus.Done or PlanTaskStatus.CloseRequested)
                {
                    return actions.AskReopen(r, task, action.Percent);
                }

                if (action.Verb == CallbackVerb.Done && task.Status is PlanTaskStatus.Done or PlanTaskStatus.CloseRequested)
                {
                    return new ChatResponse([], t.Format(task.Status == PlanTaskStatus.Done ? "toast.alreadyDone" : "toast.alreadyRequested", task.Code));
                }

                if (action.Version is { } version && version != task.Version)
                {
                    return await actions.StaleCardAsync(r, task, ct);
                }

                var input = action.Verb == CallbackVerb.Done
                    ? new ProgressInput(ProgressKind.Done)
                    : new ProgressInput(ProgressKind.Percent, action.Percent);
                var response = await actions.RecordAsync(r, task, input, UpdateChannel.Button, ct);
                var toast = action.Verb != CallbackVerb.Done ? t.Format("toast.percent", task.Code, action.Percent)
                    : task.Status == PlanTaskStatus.CloseRequested ? t.Format("toast.closeOutRequested", task.Code)
                    : t.Format("toast.done", task.Code);
                return response with { CallbackAnswer = toast };
        }
    }
}
