using System.Text;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>The monthly report's message: the count first, then the overdue tasks by lead unit; the details are in the .xlsx.</summary>
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
        if (report.OverdueCount == 0)
        {
            text.Append(t["report.none"]).Append('\n');
            return text.ToString();
        }

        text.Append(t.Format("report.count", report.OverdueCount, report.TaskCount)).Append('\n');
        var shown = 0;
        foreach (var unit in report.Units)
        {
            if (shown >= MaxTaskLines)
            {
                break;
            }

            text.Append('\n').Append(t.Format("report.unit", unit.LeadUnit, unit.Tasks.Count)).Append('\n');
            foreach (var task in unit.Tasks.Take(MaxTaskLines - shown))
            {
                var lastUpdate = task.LastUpdateAtUtc is { } at
                    ? t.Format("report.lastUpdate", t.ShortDate(toLocalDate(at), year))
                    : t["report.noUpdate"];
                text.Append(t.Format("line.taskShort", Light.Overdue.Emoji(), task.Code, task.Title)).Append('\n');
                text.Append("   ").Append(t.Format(
                        "report.taskDetail", task.CalendarDaysOverdue, task.WorkingDaysOverdue,
                        t.ShortDate(task.DeadlineAtMonthEnd, year), task.Owners))
                    .Append(" · ").Append(lastUpdate).Append('\n');
                shown++;
            }
        }

        if (report.OverdueCount > shown)
        {
            text.Append('\n').Append(t.Format("line.more", report.OverdueCount - shown)).Append('\n');
        }

        text.Append('\n').Append(t["report.footer"]);
        return text.ToString();
    }
}
