using System.Globalization;
using System.Text;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// Writes the digest for a phone: counts first, short sections, at most a few lines each, empty sections left out
/// (except the list counts, which always show).
/// </summary>
public static class DigestRenderer
{
    /// <summary>Lines shown per section before "… and N more".</summary>
    public const int MaxLinesPerSection = 8;

    /// <param name="calendarGaps">
    /// For an admin: the years the holiday calendar lacks (<see cref="Clock.CalendarCoverage"/>), said before the footer
    /// because only an admin can add them. Empty for everyone else.
    /// </param>
    public static string Render(DigestModel digest, string language, IReadOnlyList<int>? calendarGaps = null)
    {
        var t = TextSet.For(language);
        var year = digest.AsOf.Year;
        string Date(DateOnly d) => t.ShortDate(d, year);
        var text = new StringBuilder();
        text.Append(t.Format("digest.header", Date(digest.AsOf))).Append('\n');
        text.Append(t.Format("digest.period", Date(digest.Since), Date(digest.AsOf))).Append('\n');
        text.Append('\n');
        foreach (var list in digest.Lists)
        {
            text.Append(t.Format(
                "digest.listLine", t.ListName(list.List), list.Total, list.Red, list.AtRisk, list.OnTrack, list.Done))
                .Append('\n');
        }

        Section(text, t, t.Format("digest.newlyRed", digest.NewlyRed.Count), digest.NewlyRed,
            d => t.Format("digest.taskRed", new RawHtml(t.LightText(d.LightResult, year)), d.People));
        Section(text, t, t.Format("digest.blocked", digest.Blocked.Count), digest.Blocked,
            d => t.Format("digest.taskBlocked", Date(d.Date), d.Note, d.People));
        Section(text, t, t.Format("digest.pendingExtensions", digest.PendingExtensions.Count), digest.PendingExtensions,
            d => t.Format("digest.taskExtension", Date(d.Date), Date(d.Deadline), d.People, d.Note));
        Section(text, t, t.Format("digest.pendingCloseOuts", digest.PendingCloseOuts.Count), digest.PendingCloseOuts,
            d => t.Format("digest.taskCloseOut", Date(d.Date), d.People));
        Section(text, t, t.Format("digest.finished", digest.Finished.Count), digest.Finished,
            d => t.Format("digest.taskFinished", Date(d.Date), d.People));
        Section(text, t, t.Format("digest.updated", digest.Updated.Count), digest.Updated,
            d => t.Format("digest.taskUpdated", d.ProgressPercent, d.People));
        Section(text, t, t.Format("digest.dueSoon", digest.DueSoon.Count, digest.DueSoonDays), digest.DueSoon,
            d => t.Format("digest.taskDueSoon", Date(d.Date), d.ProgressPercent, d.People));
        Section(text, t, t.Format("digest.stale", digest.Stale.Count), digest.Stale,
            d => t.Format("digest.taskStale", d.Days, d.People));

        if (!digest.HasNews)
        {
            text.Append('\n').Append(t["digest.nothingNew"]).Append('\n');
        }

        if (digest.Paused.Count > 0)
        {
            text.Append('\n').Append(t.Format("digest.paused", digest.Paused.Count)).Append('\n');
            foreach (var (name, until) in digest.Paused)
            {
                text.Append(t.Format("digest.pausedLine", name, Date(until))).Append('\n');
            }
        }

        if (calendarGaps is { Count: > 0 })
        {
            text.Append('\n').Append(t.Format("digest.calendarGap", t.JoinNames(calendarGaps.Select(y => y.ToString(CultureInfo.InvariantCulture))))).Append('\n');
        }

        text.Append('\n').Append(t["digest.footer"]);
        return text.ToString();
    }

    private static void Section(StringBuilder text, TextSet t, string title, IReadOnlyList<DigestTask> tasks, Func<DigestTask, string> detail)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(title).Append('\n');
        foreach (var task in tasks.Take(MaxLinesPerSection))
        {
            text.Append(t.Format("line.taskShort", task.Light.Emoji(), task.Code, task.Title)).Append(" — ").Append(detail(task)).Append('\n');
        }

        if (tasks.Count > MaxLinesPerSection)
        {
            text.Append(t.Format("line.more", tasks.Count - MaxLinesPerSection)).Append('\n');
        }
    }
}
