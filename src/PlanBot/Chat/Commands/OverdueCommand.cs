using System.Text;
using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>
/// /overdue: the red tasks now, in sections named for what they are (逾期: deadline passed; 节点滞后: a milestone
/// missed; 严重滞后: far behind the 序时进度), each longest late (or furthest behind) first, with owner.
/// </summary>
public sealed class OverdueCommand(TaskCards cards, TaskLights lights) : IChatCommand
{
    public string Name => "overdue";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var red = (await r.Db.CurrentTasksAsync(ct))
            .Select(task => (Task: task, Light: cards.Light(task)))
            .Where(x => x.Light.Light == Light.Red)
            .OrderByDescending(x => x.Light.WorkingDaysLate)
            .ThenByDescending(x => x.Light.BehindPoints)
            .ThenBy(x => x.Task.Code, StringComparer.Ordinal)
            .ToList();
        if (red.Count == 0)
        {
            return r.Answer(r.T["overdue.none"]);
        }

        var overdue = red.Where(x => x.Light.Reason == LightReason.DeadlinePassed).ToList();
        var behind = red.Where(x => x.Light.Reason == LightReason.MilestoneMissed).ToList();
        var farBehind = red.Where(x => x.Light.Reason == LightReason.FarBehindSchedule).ToList();
        var text = new StringBuilder(r.T.Format("overdue.title", red.Count, overdue.Count, behind.Count, farBehind.Count));
        foreach (var (title, section) in new[]
                 {
                     (r.T.Format("overdue.section.DeadlinePassed", overdue.Count), overdue),
                     (r.T.Format("overdue.section.MilestoneMissed", behind.Count), behind),
                     (r.T.Format("overdue.section.FarBehindSchedule", farBehind.Count, lights.Thresholds.RedBehindPoints), farBehind),
                 })
        {
            if (section.Count == 0)
            {
                continue;
            }

            text.Append("\n\n").Append(title);
            foreach (var (task, light) in section)
            {
                text.Append('\n').Append(cards.Line(task, r.T))
                    .Append('\n').Append(r.T.Format("overdue.detail", new Texts.RawHtml(cards.LightText(light, r.T)), task.Owner?.Name ?? r.T["card.nobody"]));
            }
        }

        return r.Answer(text.ToString());
    }
}
