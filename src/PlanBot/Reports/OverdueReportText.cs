using System.Text;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>The monthly report's message: the count first, then the overdue tasks by lead unit; the details are in the .xlsx.</summary>
public static class OverdueReportText
{
    /// <summary>Task lines in the message before "… and N more" (a Telegram message holds 4096 characters).</summary>
    public const int MaxTaskLines = 25;

    public static string Render(OverdueReport report, string language, Func<DateTime, DateOnly> toLocalDate)
    {
        var year = report.EvaluatedOn.Year;
        var monthName = report.Month.FirstDay.ToString(ReportTexts.Get("ReportMonth", language), ReportTexts.Culture(language));
        var text = new StringBuilder();
        text.Append(ReportTexts.Format("ReportHeader", language, monthName)).Append('\n');
        if (report.OverdueCount == 0)
        {
            text.Append(ReportTexts.Get("ReportNone", language)).Append('\n');
            return text.ToString();
        }

        text.Append(ReportTexts.Format("ReportCount", language, report.OverdueCount, report.TaskCount)).Append('\n');
        var shown = 0;
        foreach (var unit in report.Units)
        {
            if (shown >= MaxTaskLines)
            {
                break;
            }

            text.Append('\n').Append(ReportTexts.Format("ReportUnit", language, Html.Escape(unit.LeadUnit), unit.Tasks.Count)).Append('\n');
            foreach (var task in unit.Tasks.Take(MaxTaskLines - shown))
            {
                var lastUpdate = task.LastUpdateAtUtc is { } at
                    ? ReportTexts.Format("ReportLastUpdate", language, ReportTexts.ShortDate(toLocalDate(at), language, year))
                    : ReportTexts.Get("ReportNoUpdate", language);
                text.Append("🔴 <b>").Append(Html.Escape(task.Code)).Append("</b> ").Append(Html.Escape(task.Title)).Append('\n');
                text.Append("   ").Append(ReportTexts.Format(
                        "ReportTaskDetail", language, task.CalendarDaysOverdue, task.WorkingDaysOverdue,
                        ReportTexts.ShortDate(task.DeadlineAtMonthEnd, language, year), Html.Escape(task.Owners)))
                    .Append(" · ").Append(lastUpdate).Append('\n');
                shown++;
            }
        }

        if (report.OverdueCount > shown)
        {
            text.Append('\n').Append(ReportTexts.Format("DigestMore", language, report.OverdueCount - shown)).Append('\n');
        }

        text.Append('\n').Append(ReportTexts.Get("ReportFooter", language));
        return text.ToString();
    }
}
