using MiniExcelLibs;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>The monthly report as an .xlsx: a summary sheet (per lead unit and per list) and one row per overdue task.</summary>
public static class OverdueReportWorkbook
{
    public const string SummarySheet = "汇总";
    public const string TasksSheet = "逾期任务";

    public static byte[] Render(OverdueReport report, Func<DateTime, DateOnly> toLocalDate)
    {
        var summary = report.Units
            .Select(u => new Dictionary<string, object?>
            {
                ["牵头单位"] = u.LeadUnit,
                ["逾期任务数"] = u.Tasks.Count,
                ["最长逾期天数"] = u.Tasks.Max(t => t.CalendarDaysOverdue),
                ["最长逾期工作日"] = u.Tasks.Max(t => t.WorkingDaysOverdue),
            })
            .Append(new Dictionary<string, object?>
            {
                ["牵头单位"] = "合计",
                ["逾期任务数"] = report.OverdueCount,
                ["最长逾期天数"] = report.Tasks.Select(t => t.CalendarDaysOverdue).DefaultIfEmpty(0).Max(),
                ["最长逾期工作日"] = report.Tasks.Select(t => t.WorkingDaysOverdue).DefaultIfEmpty(0).Max(),
            })
            .ToList();
        var tasks = report.Tasks
            .Select(t => new Dictionary<string, object?>
            {
                ["牵头单位"] = t.LeadUnit,
                ["编号"] = t.Code,
                ["清单"] = TextSet.Chinese.ListName(t.List),
                ["任务"] = t.Title,
                ["责任人"] = t.Owners,
                ["原定截止"] = Iso(t.OriginalDeadline),
                ["月末截止"] = Iso(t.DeadlineAtMonthEnd),
                ["当前截止"] = Iso(t.CurrentDeadline),
                ["逾期天数"] = t.CalendarDaysOverdue,
                ["逾期工作日"] = t.WorkingDaysOverdue,
                ["月末进度%"] = t.ProgressPercent,
                ["最近更新"] = t.LastUpdateAtUtc is { } at ? Iso(toLocalDate(at)) : "",
                ["更新人"] = t.LastUpdateBy ?? "",
                ["更新内容"] = t.LastUpdateNote ?? "",
            })
            .ToList();
        var lights = report.Lights
            .Select(l => new Dictionary<string, object?>
            {
                ["清单"] = TextSet.Chinese.ListName(l.List),
                ["逾期"] = l.Overdue,
                ["有风险"] = l.AtRisk,
                ["正常"] = l.OnTrack,
                ["已完成"] = l.Done,
                ["合计"] = l.Total,
            })
            .ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(
            new Dictionary<string, object>
            {
                [SummarySheet] = summary,
                [TasksSheet] = tasks,
                ["亮灯"] = lights,
            },
            excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
