using MiniExcelLibs;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>The monthly report as an .xlsx: a summary per lead unit, one sheet per kind of lateness, the lights per list.</summary>
public static class OverdueReportWorkbook
{
    public const string SummarySheet = "汇总";
    public const string OverdueSheet = "逾期任务";
    public const string BehindSheet = "节点滞后任务";
    public const string LightsSheet = "亮灯";

    public static byte[] Render(OverdueReport report, Func<DateTime, DateOnly> toLocalDate)
    {
        var units = report.Sections.SelectMany(s => s.Units).Select(u => u.LeadUnit).Distinct().ToList();
        int Count(LateSection section, string unit) => section.Units.FirstOrDefault(u => u.LeadUnit == unit)?.Tasks.Count ?? 0;
        int Longest(IEnumerable<LateTask> tasks) => tasks.Select(t => t.WorkingDaysLate).DefaultIfEmpty(0).Max();
        var summary = units
            .Select(unit => new Dictionary<string, object?>
            {
                ["牵头单位"] = unit,
                ["逾期任务数"] = Count(report.Overdue, unit),
                ["节点滞后任务数"] = Count(report.BehindMilestone, unit),
                ["最长逾期工作日"] = Longest(report.Overdue.Tasks.Where(t => t.LeadUnit == unit)),
                ["最长节点滞后工作日"] = Longest(report.BehindMilestone.Tasks.Where(t => t.LeadUnit == unit)),
            })
            .OrderByDescending(row => (int)row["逾期任务数"]! + (int)row["节点滞后任务数"]!)
            .Append(new Dictionary<string, object?>
            {
                ["牵头单位"] = "合计",
                ["逾期任务数"] = report.Overdue.Count,
                ["节点滞后任务数"] = report.BehindMilestone.Count,
                ["最长逾期工作日"] = Longest(report.Overdue.Tasks),
                ["最长节点滞后工作日"] = Longest(report.BehindMilestone.Tasks),
            })
            .ToList();
        var overdue = report.Overdue.Tasks
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
                ["逾期工作日"] = t.WorkingDaysLate,
                ["月末进度%"] = t.ProgressPercent,
                ["最近更新"] = t.LastUpdateAtUtc is { } at ? Iso(toLocalDate(at)) : "",
                ["更新人"] = t.LastUpdateBy ?? "",
                ["更新内容"] = t.LastUpdateNote ?? "",
            })
            .ToList();
        var behind = report.BehindMilestone.Tasks
            .Select(t => new Dictionary<string, object?>
            {
                ["牵头单位"] = t.LeadUnit,
                ["编号"] = t.Code,
                ["清单"] = TextSet.Chinese.ListName(t.List),
                ["任务"] = t.Title,
                ["责任人"] = t.Owners,
                ["滞后节点"] = t.Light.MissedMilestone?.Title ?? "",
                ["节点日期"] = Iso(t.Light.LateSince!.Value),
                ["节点应达进度%"] = t.Light.MissedMilestone?.ExpectedPercent,
                ["月末进度%"] = t.ProgressPercent,
                ["节点滞后工作日"] = t.WorkingDaysLate,
                ["月末截止"] = Iso(t.DeadlineAtMonthEnd),
                ["最近更新"] = t.LastUpdateAtUtc is { } at ? Iso(toLocalDate(at)) : "",
                ["更新人"] = t.LastUpdateBy ?? "",
                ["更新内容"] = t.LastUpdateNote ?? "",
            })
            .ToList();
        var lights = report.Lights
            .Select(l => new Dictionary<string, object?>
            {
                ["清单"] = TextSet.Chinese.ListName(l.List),
                ["红灯(逾期或节点滞后)"] = l.Red,
                ["黄灯(有风险)"] = l.AtRisk,
                ["绿灯(正常)"] = l.OnTrack,
                ["已完成"] = l.Done,
                ["合计"] = l.Total,
            })
            .ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(
            new Dictionary<string, object>
            {
                [SummarySheet] = summary,
                [OverdueSheet] = overdue,
                [BehindSheet] = behind,
                [LightsSheet] = lights,
            },
            excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
