using System.Globalization;
using System.Text;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// The words of a group's live status message: counts by light per list (as the digest counts them), what turned red
/// today, what falls due this week. <see cref="Content"/> leaves out the time, so an unchanged plan is not re-edited.
/// </summary>
public static class GroupStatusText
{
    public static string Content(DigestModel digest, string language)
    {
        var t = TextSet.For(language);
        var year = digest.AsOf.Year;
        var text = new StringBuilder();
        text.Append(t["status.title"]).Append('\n');
        foreach (var list in digest.Lists)
        {
            text.Append(t.Format("digest.listLine", t.ListName(list.List), list.Total, list.Red, list.AtRisk, list.OnTrack, list.Done)).Append('\n');
        }

        var redToday = digest.NewlyRed.Where(d => d.Date == digest.AsOf).ToList();
        Section(text, t, t.Format("status.redToday", redToday.Count), redToday, _ => "");
        var sunday = digest.AsOf.AddDays((7 - (int)digest.AsOf.DayOfWeek) % 7);
        var dueThisWeek = digest.DueSoon.Where(d => d.Deadline <= sunday).ToList();
        Section(text, t, t.Format("status.dueThisWeek", dueThisWeek.Count), dueThisWeek, d => " — " + t.ShortDate(d.Deadline, year));
        return text.ToString();
    }

    /// <summary>The message: <paramref name="content"/> and when it was last brought up to date.</summary>
    public static string Message(string content, DateTimeOffset localNow, string language) =>
        content + "\n" + TextSet.For(language).Format("status.updatedAt", localNow.ToString("M-d HH:mm", CultureInfo.InvariantCulture));

    private static void Section(StringBuilder text, TextSet t, string title, List<DigestTask> tasks, Func<DigestTask, string> detail)
    {
        text.Append('\n').Append(title).Append('\n');
        foreach (var task in tasks.Take(DigestRenderer.MaxLinesPerSection))
        {
            text.Append(t.Format("line.taskShort", task.Light.Emoji(), task.Code, task.Title)).Append(detail(task)).Append('\n');
        }

        if (tasks.Count > DigestRenderer.MaxLinesPerSection)
        {
            text.Append(t.Format("line.more", tasks.Count - DigestRenderer.MaxLinesPerSection)).Append('\n');
        }
    }
}
