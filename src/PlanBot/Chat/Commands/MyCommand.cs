using System.Text;
using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/my: the owner's open tasks (owned or co-owned), most urgent first.</summary>
public sealed class MyCommand(TaskCards cards) : IChatCommand
{
    public string Name => "my";

    public MemberRoles AllowedRoles => MemberRoles.Owner;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var mine = (await r.Db.OpenTasksOfAsync(r.Member.Id, ct))
            .OrderBy(task => cards.Light(task).Light)
            .ThenBy(task => task.Deadline)
            .ToList();
        if (mine.Count == 0)
        {
            return r.Answer(r.T["my.none"]);
        }

        var text = new StringBuilder(r.T.Format("my.title", mine.Count));
        foreach (var task in mine)
        {
            text.Append('\n').Append(cards.Line(task, r.T));
        }

        text.Append("\n\n").Append(r.T.Format("my.hint", mine[0].Code));
        // A reply to the list that names no task is answered with these tasks and their buttons.
        return new ChatResponse([r.Reply(text.ToString()) with { ListedTaskIds = [.. mine.Select(task => task.Id)] }]);
    }
}
