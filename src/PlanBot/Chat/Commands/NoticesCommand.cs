using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Supervision;
using PlanBot.Texts;

namespace PlanBot.Chat.Commands;

/// <summary>
/// /notices: the 提示单 and 督办单 not yet answered. An owner sees their own, each with its 签收 / 反馈 buttons;
/// supervisors and admins see all of them with where each stands (未签收, 已签收待反馈, past its reply date).
/// </summary>
public sealed class NoticesCommand(ITaskButtons buttons, PlanClock clock) : IChatCommand
{
    public string Name => "notices";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var t = r.T;
        var overseer = r.Member.Has(MemberRoles.Supervisor) || r.Member.Has(MemberRoles.Admin);
        var open = await r.Db.Notices.AsNoTracking()
            .Include(n => n.Task).ThenInclude(task => task!.CoOwners)
            .Include(n => n.Member)
            .Where(n => n.RepliedAtUtc == null && n.ClosedAtUtc == null && n.Task!.Status != PlanTaskStatus.Done)
            .OrderBy(n => n.ReplyBy).ThenBy(n => n.Kind).ThenBy(n => n.Number)
            .ToListAsync(ct);
        var mine = open.Where(n => n.Task!.IsOwnedBy(r.Member.Id)).ToList();
        var shown = overseer ? open : mine;
        if (shown.Count == 0)
        {
            return r.Answer(t["notices.none"]);
        }

        var text = new StringBuilder(t.Format("notices.title", shown.Count));
        foreach (var notice in shown)
        {
            text.Append("\n\n").Append(t.Format(
                "notices.line",
                notice.Title,
                notice.Task!.Code,
                notice.Task.Title,
                notice.Member?.Name ?? "—",
                NoticeMessages.State(notice, t, clock.ToLocalDate),
                t.ShortDate(notice.ReplyBy, clock.Today.Year),
                new RawHtml(notice.ReplyBy < clock.Today ? t["notices.late"] : "")));
        }

        // Owners answer from here: one row of buttons per notice of theirs (a message has room for a screenful).
        var rows = mine.Take(10).SelectMany(n => buttons.ForNotice(n, t.Language)
            .Select(row => (IReadOnlyList<Outbox.Button>)[.. row.Select(b => b with { Label = n.Task!.Code + " " + b.Label })])).ToList();
        return r.Answer(text.ToString(), buttons: rows);
    }
}
