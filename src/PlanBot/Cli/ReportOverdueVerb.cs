using PlanBot.Clock;
using PlanBot.Reports;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Cli;

public sealed class ReportOverdueVerb(OverdueReportService reports, PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "report overdue",
        [],
        [new CliOption("month", "YYYY-MM", Required: true), new CliOption("out", "file.xlsx"), new CliOption("chart", "file.png"), CliReportOptions.Language],
        "--month YYYY-MM [--out file.xlsx] [--chart file.png] [--lang zh|en]",
        "a month's overdue report: prints the summary, writes the workbook and the chart (sends nothing)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var name = Spec.Name;
        var month = CliReportOptions.MonthOf(input, name);

        var language = CliReportOptions.LanguageOf(input, name);
        var xlsxPath = input.Option("out") is { } xlsx ? CliReportOptions.OutputPath(name, "out", xlsx, ".xlsx") : null;
        var pngPath = input.Option("chart") is { } png ? CliReportOptions.OutputPath(name, "chart", png, ".png") : null;
        await CliReportOptions.EnsureReportableAsync(name, "report", month, reports, db, clock, ct);

        var report = await reports.GetForDeliveryAsync(month, ct);
        input.Out.WriteLine(Html.ToPlainText(report.SummaryIn(language)).TrimEnd('\n'));
        if (report.RankingIn(language) is { } ranking)
        {
            input.Out.WriteLine();
            input.Out.WriteLine(Html.ToPlainText(ranking).TrimEnd('\n'));
        }

        if (xlsxPath is not null)
        {
            await CliReportOptions.WriteAsync(name, xlsxPath, report.WorkbookIn(language), ct);
            input.Out.WriteLine($"workbook: {xlsxPath}");
        }

        if (pngPath is not null)
        {
            await CliReportOptions.WriteAsync(name, pngPath, report.ChartIn(language), ct);
            input.Out.WriteLine($"chart: {pngPath}");
        }

        return CliApp.Success;
    }
}
