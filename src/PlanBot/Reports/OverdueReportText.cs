using System.Text;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// The monthly report's message: the counts first, then the overdue tasks and the tasks behind a milestone in two
/// sections, each by lead unit; the details are in the .xlsx. Formal wording, no decoration.
/// </summary>
public static class OverdueReportText
{
    /// <summary>Task lines in the message before "… and N more" (a Telegram message holds 4096 characters).</summary>
    public const int MaxTaskLines = 25;

    public static string Render(OverdueReport report, string language, Func<DateTime, DateOnly> toLocalDate)
    {
        var t = TextSet.For(language);
        var year = report.EvaluatedOn.Year;
        var text = new StringBuilder();
        text.Append(t.Format("report.header", t.MonthName(report.Month.FirstDay))).Append('\n');
        if (report.RedCount == 0)
        {
            text.Append(t.Format("report.none", report.TaskCount)).Append('\n');
            return text.ToString();
        }

        var counts = report.Sections.Select(x => (x.Reason, x.Count)).ToArray();
        text.Append(t.Format("report.count", report.TaskCount, new RawHtml(t.RedCounts("report.redCount", counts)))).Append('\n');
        var shown = 0;
        foreach (var section in report.Sections.Where(s => s.Count > 0))
        {
            text.Append('\n').Append(t.Format("report.section." + section.Reason, section.Count)).Append('\n');
            foreach (var unit in section.Units)
            {
                if (shown >= MaxTaskLines)
                {
                    break;
                }

                text.Append(t.Format("report.unit", unit.LeadUnit, unit.Tasks.Count)).Append('\n');
                foreach (var task in unit.Tasks.Take(MaxTaskLines - shown))
                {
                    var lastUpdate = task.LastUpdateAtUtc is { } at
                        ? t.Format("report.lastUpdate", t.ShortDate(toLocalDate(at), year))
                        : t["report.noUpdate"];
                    text.Append(t.Format("report.task", task.Code, task.Title)).Append('\n');
                    text.Append("   ").Append(t.Format(
                            "report.taskDetail", new RawHtml(t.LightText(task.Light, year)), task.ProgressPercent, task.Owners, lastUpdate))
                        .Append('\n');
                    shown++;
                }
            }
        }

        if (report.RedCount > shown)
        {
            text.Append('\n').Append(t.Format("line.more", report.RedCount - shown)).Append('\n');
        }

        text.Append('\n').Append(t["report.footer"]);
        return text.ToString();
    }
}
