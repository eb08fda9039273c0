using PlanBot.Plans;
using PlanBot.Reports.Circular;

namespace PlanBot.Reports;

/// <summary>
/// Everything a month's stored report holds, rendered from the built report: the summary, workbook and chart in Chinese
/// and in English, and the circular. The English set and the circular are rendered beside the Chinese set (they share
/// nothing but the report, which is read only), so on two cores the files take about half their one-after-the-other time
/// (docs/benchmarks.md).
/// </summary>
public sealed record ReportRendering(string Summary, string SummaryEn, byte[] Xlsx, byte[] Png, byte[] XlsxEn, byte[] PngEn, byte[] Docx)
{
    public static async Task<ReportRendering> RenderAsync(
        OverdueReport report, Plan plan, CircularOptions circular, DateOnly today, Func<DateTime, DateOnly> toLocalDate)
    {
        var english = Task.Run(() => (
            Summary: OverdueReportText.Render(report, Languages.English, toLocalDate),
            Xlsx: OverdueReportWorkbook.Render(report, Languages.English, toLocalDate),
            Png: OverdueReportChart.Render(report, Languages.English)));
        // Numbered by the month, as `report circular` numbers it by default.
        var circularDocx = Task.Run(() => CircularDocument.Render(CircularWriter.Write(report, plan, circular, report.Month.Month, today, Languages.Chinese)));
        var summary = OverdueReportText.Render(report, Languages.Chinese, toLocalDate);
        var xlsx = OverdueReportWorkbook.Render(report, Languages.Chinese, toLocalDate);
        var png = OverdueReportChart.Render(report, Languages.Chinese);
        var (summaryEn, xlsxEn, pngEn) = await english;
        return new ReportRendering(summary, summaryEn, xlsx, png, xlsxEn, pngEn, await circularDocx);
    }
}
