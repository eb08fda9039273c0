using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/task CODE: the task card, with the action buttons when the viewer may update the task.</summary>
public sealed class TaskCommand(TaskCards cards, TaskButtons buttons) : IChatCommand
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
        var keyboard = r.Member.MayUpdate(task) ? buttons.ForTask(task, r.T.Language) : null;
        if (keyboard is not null && r.Message.IsPrivateChat)
        {
            card += "\n\n" + r.T["card.replyHint"];
        }

        return r.Answer(card, task.Id, keyboard);
    }
}
