using System.Text;
using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/lists: the three lists at a glance, counts by light.</summary>
public sealed class ListsCommand(TaskCards cards) : IChatCommand
{
    public string Name => "lists";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var tasks = await r.Db.CurrentTasksAsync(ct);
        if (tasks.Count == 0)
        {
            return r.Answer(r.T["list.noPlan"]);
        }

        var text = new StringBuilder(r.T["lists.title"]);
        foreach (var list in WorkLists.All)
        {
            var lights = tasks.Where(t => t.List == list).Select(t => cards.Light(t).Light).ToList();
            text.Append('\n').Append(r.T.Format("lists.line", r.T.ListName(list), lights.Count,
                lights.Count(l => l == Light.Done), lights.Count(l => l == Light.Red),
                lights.Count(l => l == Light.AtRisk), lights.Count(l => l == Light.OnTrack), list.CodePrefix()));
        }

        text.Append("\n\n").Append(r.T["lists.hint"]);
        return r.Answer(text.ToString());
    }
}
