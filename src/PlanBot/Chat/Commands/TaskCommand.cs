using PlanBot.Chat.Cards;
using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>
/// /task CODE: the task card, with the action buttons when the viewer may update the task, or 销号 / 退回 when it awaits
/// a close-out the viewer decides.
/// </summary>
public sealed class TaskCommand(TaskCards cards, TaskButtons buttons, CloseOutDecisions closeOuts) : IChatCommand
{
    public string Name => "task";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var (task, _, refusal) = await TaskArguments.ResolveAsync(r, Name, forUpdate: false, ct);
        if (task is null)
        {
            return refusal!;
        }

        var card = await cards.CardAsync(r.Db, task, r.T, ct);
        if (await closeOuts.CardButtonsAsync(r, task, ct) is { } decide)
        {
            return r.Answer(card, task.Id, decide);
        }

        var keyboard = r.Member.MayUpdate(task) ? buttons.ForTask(task, r.T.Language) : null;
        if (keyboard is not null && r.Message.IsPrivateChat)
        {
            card += "\n\n" + r.T["card.replyHint"];
        }

        return r.Answer(card, task.Id, keyboard);
    }
}
