using System.Text;
using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/list key|highlight|difficulty (also 重点/亮点/难点): one list, task by task.</summary>
public sealed class ListCommand(TaskCards cards) : IChatCommand
{
    public string Name => "list";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        if (r.Arguments.Length == 0)
        {
            return r.Usage(r.T["error.listMissing"], Name);
        }

        if (!WorkLists.TryParse(r.Arguments, out var list))
        {
            return r.Usage(r.T.Format("error.unknownList", r.Arguments), Name);
        }

        var tasks = (await r.Db.CurrentTasksAsync(ct)).Where(t => t.List == list).ToList();
        var text = new StringBuilder(r.T.Format("list.title", r.T.ListName(list), tasks.Count));
        foreach (var task in tasks)
        {
            text.Append('\n').Append(cards.Line(task, r.T));
        }

        if (tasks.Count == 0)
        {
            text.Append('\n').Append(r.T["list.empty"]);
        }

        return r.Answer(text.ToString());
    }
}
