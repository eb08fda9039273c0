using System.Text;
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

    public static string Render(DigestModel digest, string language)
    {
        var year = digest.AsOf.Year;
        string Date(DateOnly d) => ReportTexts.ShortDate(d, language, year);
        var text = new StringBuilder();
        text.Append(ReportTexts.Format("DigestHeader", language, Date(digest.AsOf))).Append('\n');
        text.Append(ReportTexts.Format("DigestPeriod", language, Date(digest.Since), Date(digest.AsOf))).Append('\n');
        text.Append('\n');
        foreach (var list in digest.Lists)
        {
            text.Append(ReportTexts.Format(
                "DigestListLine", language, ReportTexts.ListName(list.List, language), list.Total, list.Overdue, list.AtRisk, list.OnTrack, list.Done))
                .Append('\n');
        }

        Section(text, language, ReportTexts.Format("DigestNewlyOverdue", language, digest.NewlyOverdue.Count), digest.NewlyOverdue,
            t => ReportTexts.Format("DigestTaskOverdue", language, t.Days, Html.Escape(t.People)));
        Section(text, language, ReportTexts.Format("DigestFinished", language, digest.Finished.Count), digest.Finished,
            t => ReportTexts.Format("DigestTaskFinished", language, Date(t.Date), Html.Escape(t.People)));
        Section(text, language, ReportTexts.Format("DigestUpdated", language, digest.Updated.Count), digest.Updated,
            t => ReportTexts.Format("DigestTaskUpdated", language, t.ProgressPercent, Html.Escape(t.People)));
        Section(text, language, ReportTexts.Format("DigestDueSoon", language, digest.DueSoon.Count, digest.DueSoonDays), digest.DueSoon,
            t => ReportTexts.Format("DigestTaskDueSoon", language, Date(t.Date), t.ProgressPercent, Html.Escape(t.People)));
        Section(text, language, ReportTexts.Format("DigestStale", language, digest.Stale.Count), digest.Stale,
            t => ReportTexts.Format("DigestTaskStale", language, t.Days, Html.Escape(t.People)));

        if (digest.SilentOwners.Count > 0)
        {
            text.Append('\n').Append(ReportTexts.Format("DigestSilent", language, digest.SilentOwners.Count)).Append('\n');
            text.Append(Html.Escape(string.Join(language == Plans.Languages.English ? ", " : "、", digest.SilentOwners))).Append('\n');
        }

        if (digest.Paused.Count > 0)
        {
            text.Append('\n').Append(ReportTexts.Format("DigestPaused", language, digest.Paused.Count)).Append('\n');
            foreach (var (name, until) in digest.Paused)
            {
                text.Append(ReportTexts.Format("DigestPausedLine", language, Html.Escape(name), Date(until))).Append('\n');
            }
        }

        text.Append('\n').Append(ReportTexts.Get("DigestFooter", language));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string language, string title, IReadOnlyList<DigestTask> tasks, Func<DigestTask, string> detail)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(title).Append('\n');
        foreach (var task in tasks.Take(MaxLinesPerSection))
        {
            text.Append(ReportTexts.LightEmoji(task.Light)).Append(' ')
                .Append("<b>").Append(Html.Escape(task.Code)).Append("</b> ")
                .Append(Html.Escape(task.Title)).Append(" — ").Append(detail(task)).Append('\n');
        }

        if (tasks.Count > MaxLinesPerSection)
        {
            text.Append(ReportTexts.Format("DigestMore", language, tasks.Count - MaxLinesPerSection)).Append('\n');
        }
    }
}
