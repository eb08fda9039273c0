using System.Text;
using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/overdue: overdue tasks now, longest overdue first, with owner.</summary>
public sealed class OverdueCommand(TaskCards cards) : IChatCommand
{
    public string Name => "overdue";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var overdue = (await r.Db.CurrentTasksAsync(ct))
            .Select(task => (Task: task, Light: cards.Light(task)))
            .Where(x => x.Light.Light == Light.Overdue)
            .OrderByDescending(x => x.Light.DaysOverdue)
            .ThenBy(x => x.Task.Code)
            .ToList();
        if (overdue.Count == 0)
        {
            return r.Answer(r.T["overdue.none"]);
        }

        var text = new StringBuilder(r.T.Format("overdue.title", overdue.Count));
        foreach (var (task, light) in overdue)
        {
            text.Append('\n').Append(cards.Line(task, r.T))
                .Append('\n').Append(r.T.Format("overdue.detail", new Texts.RawHtml(cards.LightText(light, r.T)), task.Owner?.Name ?? r.T["card.nobody"]));
        }

        return r.Answer(text.ToString());
    }
}
