using PlanBot.Plans;
using PlanBot.Reports.Xlsx;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// The monthly report as an .xlsx in one language: a summary per lead unit, one sheet per kind of lateness, the lights per
/// list. Each sheet opens with a title row naming the report, the month and the sheet; the header is row 2.
/// </summary>
public static class OverdueReportWorkbook
{
    /// <summary>The row of each sheet's header (the title is row 1).</summary>
    public const int HeaderRow = 2;

    /// <summary>The sheets' names in the language, in their order.</summary>
    public static IReadOnlyList<string> SheetNames(string language)
    {
        var t = TextSet.For(language);
        return [t["report.sheet.summary"], t["report.sheet." + LightReason.DeadlinePassed], t["report.sheet." + LightReason.MilestoneMissed], t["report.sheet." + LightReason.FarBehindSchedule], t["report.sheet.lights"]];
    }

    public static byte[] Render(OverdueReport report, string language, Func<DateTime, DateOnly> toLocalDate)
    {
        var t = TextSet.For(language);
        var names = SheetNames(language);
        string Title(string sheet) => t.Plain("report.workbook.title", t.MonthName(report.Month.FirstDay), sheet);
        DateOnly? LastUpdate(LateTask task) => task.LastUpdateAtUtc is { } at ? toLocalDate(at) : null;

        var summary = SheetContent.Of(names[0], Title(names[0]), SummaryColumns(t), SummaryRows(report, t));
        var overdue = SheetContent.Of(names[1], Title(names[1]),
        [
            new SheetColumn<LateTask>(t["report.column.leadUnit"], x => x.LeadUnit),
            new(t["report.column.code"], x => x.Code),
            new(t["report.column.list"], x => t.ListName(x.List)),
            new(t["report.column.task"], x => x.Title),
            new(t["report.column.owners"], x => x.Owners),
            new(t["report.column.originalDeadline"], x => x.OriginalDeadline),
            new(t["report.column.deadlineAtMonthEnd"], x => x.DeadlineAtMonthEnd),
            new(t["report.column.currentDeadline"], x => x.CurrentDeadline),
            new(t["report.column.workingDaysOverdue"], x => x.WorkingDaysLate),
            new(t["report.column.progressAtMonthEnd"], x => x.ProgressPercent),
            new(t["report.column.lastUpdate"], x => LastUpdate(x)),
            new(t["report.column.updatedBy"], x => x.LastUpdateBy),
            new(t["report.column.updateNote"], x => x.LastUpdateNote),
        ], report.Overdue.Tasks);
        var behind = SheetContent.Of(names[2], Title(names[2]),
        [
            new SheetColumn<LateTask>(t["report.column.leadUnit"], x => x.LeadUnit),
            new(t["report.column.code"], x => x.Code),
            new(t["report.column.list"], x => t.ListName(x.List)),
            new(t["report.column.task"], x => x.Title),
            new(t["report.column.owners"], x => x.Owners),
            new(t["report.column.missedMilestone"], x => x.Light.MissedMilestone?.Title),
            new(t["report.column.milestoneDate"], x => x.Light.LateSince),
            new(t["report.column.milestoneExpects"], x => x.Light.MissedMilestone?.ExpectedPercent),
            new(t["report.column.progressAtMonthEnd"], x => x.ProgressPercent),
            new(t["report.column.workingDaysBehind"], x => x.WorkingDaysLate),
            new(t["report.column.deadlineAtMonthEnd"], x => x.DeadlineAtMonthEnd),
            new(t["report.column.lastUpdate"], x => LastUpdate(x)),
            new(t["report.column.updatedBy"], x => x.LastUpdateBy),
            new(t["report.column.updateNote"], x => x.LastUpdateNote),
        ], report.BehindMilestone.Tasks);
        var farBehind = SheetContent.Of(names[3], Title(names[3]),
        [
            new SheetColumn<LateTask>(t["report.column.leadUnit"], x => x.LeadUnit),
            new(t["report.column.code"], x => x.Code),
            new(t["report.column.list"], x => t.ListName(x.List)),
            new(t["report.column.task"], x => x.Title),
            new(t["report.column.owners"], x => x.Owners),
            new(t["report.column.scheduledPercent"], x => x.ProgressPercent + x.Light.BehindPoints),
            new(t["report.column.progressAtMonthEnd"], x => x.ProgressPercent),
            new(t["report.column.behindPoints"], x => x.Light.BehindPoints),
            new(t["report.column.deadlineAtMonthEnd"], x => x.DeadlineAtMonthEnd),
            new(t["report.column.lastUpdate"], x => LastUpdate(x)),
            new(t["report.column.updatedBy"], x => x.LastUpdateBy),
            new(t["report.column.updateNote"], x => x.LastUpdateNote),
        ], report.FarBehind.Tasks);
        var lights = SheetContent.Of(names[4], Title(names[4]),
        [
            new SheetColumn<ListLightCounts>(t["report.column.list"], x => t.ListName(x.List)),
            new(t["report.column.red"], x => x.Red),
            new(t["report.column.atRisk"], x => x.AtRisk),
            new(t["report.column.onTrack"], x => x.OnTrack),
            new(t["report.column.done"], x => x.Done),
            new(t["report.column.total"], x => x.Total),
        ], report.Lights);

        return WorkbookWriter.Write([summary, overdue, behind, farBehind, lights], WorkbookStyles.FontFor(language));
    }

    private sealed record UnitRow(string LeadUnit, int Overdue, int Behind, int FarBehind, int LongestOverdue, int LongestBehind);

    private static IReadOnlyList<SheetColumn<UnitRow>> SummaryColumns(TextSet t) =>
    [
        new(t["report.column.leadUnit"], x => x.LeadUnit),
        new(t["report.column.overdueCount"], x => x.Overdue),
        new(t["report.column.behindCount"], x => x.Behind),
        new(t["report.column.farBehindCount"], x => x.FarBehind),
        new(t["report.column.longestOverdue"], x => x.LongestOverdue),
        new(t["report.column.longestBehind"], x => x.LongestBehind),
    ];

    /// <summary>A row per lead unit, most late tasks first, then the total.</summary>
    private static IEnumerable<UnitRow> SummaryRows(OverdueReport report, TextSet t)
    {
        static int Longest(IEnumerable<LateTask> tasks) => tasks.Select(x => x.WorkingDaysLate).DefaultIfEmpty(0).Max();
        static IEnumerable<LateTask> Of(LateSection section, string unit) => section.Units.Where(u => u.LeadUnit == unit).SelectMany(u => u.Tasks);
        return report.Sections.SelectMany(s => s.Units).Select(u => u.LeadUnit).Distinct()
            .Select(unit => new UnitRow(
                unit,
                Of(report.Overdue, unit).Count(),
                Of(report.BehindMilestone, unit).Count(),
                Of(report.FarBehind, unit).Count(),
                Longest(Of(report.Overdue, unit)),
                Longest(Of(report.BehindMilestone, unit))))
            .OrderByDescending(row => row.Overdue + row.Behind + row.FarBehind)
            .Append(new UnitRow(
                t["report.workbook.total"],
                report.Overdue.Count,
                report.BehindMilestone.Count,
                report.FarBehind.Count,
                Longest(report.Overdue.Tasks),
                Longest(report.BehindMilestone.Tasks)));
    }
}
