using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanBot.Texts;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat.Cards;

/// <summary>Renders tasks for the chat: the one-line form used in lists and the full card of /task.</summary>
public sealed class TaskCards(PlanClock clock, TaskLights lights)
{
    private const int DetailLimit = 400;
    private const int HistoryShown = 3;

    public LightResult Light(PlanTask task) => lights.Of(task, clock.Today, clock.Zone);

    /// <summary>"🟢 K-01 挖掘房地产潜力 · 60% · 截止 2024-12-31": light first, short enough for a phone.</summary>
    public string Line(PlanTask task, TextSet t) =>
        t.Format("line.task", Light(task).Emoji, task.Code, task.Title, task.ProgressPercent, task.Deadline);

    public string LightText(LightResult light, TextSet t) => t.LightText(light, clock.Today.Year);

    /// <summary>The full card; needs owner, co-owners and milestones loaded (see <see cref="TaskLookup"/>).</summary>
    public async Task<string> CardAsync(PlanBotDbContext db, PlanTask task, TextSet t, CancellationToken ct)
    {
        var light = Light(task);
        var card = new StringBuilder();
        card.AppendLine(t.Format("card.title", light.Emoji, task.Code, task.Title));
        card.AppendLine(t.Format("card.list", t.ListName(task.List)));
        if (!string.IsNullOrWhiteSpace(task.Detail))
        {
            card.AppendLine(Html.Escape(task.Detail.Length > DetailLimit ? task.Detail[..DetailLimit] + "…" : task.Detail));
        }

        if (!string.IsNullOrWhiteSpace(task.LeadUnit))
        {
            card.AppendLine(t.Format("card.lead", task.LeadUnit));
        }

        card.AppendLine(t.Format("card.owner", task.Owner?.Name ?? t["card.nobody"]));
        if (task.CoOwners.Count > 0)
        {
            card.AppendLine(t.Format("card.coowners", string.Join("、", task.CoOwners.Select(c => c.Member?.Name ?? "?"))));
        }

        card.AppendLine(task.OriginalDeadline is { } original && original != task.Deadline
            ? t.Format("card.deadline.extended", task.Deadline, original)
            : t.Format("card.deadline", task.Deadline));
        foreach (var milestone in task.Milestones.OrderBy(m => m.Date))
        {
            card.AppendLine(t.Format("card.milestone", milestone.Date, milestone.Title, milestone.ExpectedPercent));
        }

        if (task.HasTarget)
        {
            card.AppendLine(t.Format("card.target", task.CurrentValue ?? 0m, task.TargetValue, task.TargetUnit, task.TargetLabel));
        }

        card.AppendLine(t.Format("card.progress", task.ProgressPercent, t["status." + task.Status]));
        if (task.Status == PlanTaskStatus.Blocked && !string.IsNullOrWhiteSpace(task.BlockedReason))
        {
            card.AppendLine(t.Format("card.blocked", task.BlockedReason));
        }

        card.AppendLine(t.Format("card.light", light.Emoji, new RawHtml(LightText(light, t))));
        card.Append(await HistoryAsync(db, task, t, ct));
        return card.ToString().TrimEnd();
    }

    private async Task<string> HistoryAsync(PlanBotDbContext db, PlanTask task, TextSet t, CancellationToken ct)
    {
        // Load the newest saved rows, then read the tracked set, so an update made in this same request shows too.
        await db.ProgressUpdates.Include(u => u.Member)
            .Where(u => u.TaskId == task.Id)
            .OrderByDescending(u => u.AtUtc).ThenByDescending(u => u.Id)
            .Take(HistoryShown)
            .LoadAsync(ct);
        var latest = db.ProgressUpdates.Local
            .Where(u => u.TaskId == task.Id)
            .OrderByDescending(u => u.AtUtc).ThenByDescending(u => u.Id == 0 ? long.MaxValue : u.Id)
            .Take(HistoryShown)
            .ToList();
        if (latest.Count == 0)
        {
            return t["card.history.none"];
        }

        var text = new StringBuilder(t["card.history"]);
        foreach (var update in latest)
        {
            text.Append('\n').Append(t.Format("card.history.item",
                clock.ToLocalDate(update.AtUtc), update.Member?.Name ?? t["card.system"], new RawHtml(Describe(update, t))));
        }

        return text.ToString();
    }

    /// <summary>What a history row says, e.g. "进度 60% — 已完成招标".</summary>
    public static string Describe(ProgressUpdate update, TextSet t)
    {
        var key = update.Kind == UpdateKind.Progress && update.Value is not null ? "kind.ProgressValue" : "kind." + update.Kind;
        var what = t.Format(key, update.Percent, update.Value, update.Deadline);
        return string.IsNullOrWhiteSpace(update.Note) ? what : what + " — " + Html.Escape(update.Note);
    }
}
