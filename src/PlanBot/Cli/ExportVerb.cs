using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>
/// export: the whole plan as a workbook that imports back (the default), or with <c>--format progress-table</c> the
/// public one-table progress report (序号 / 年度目标任务 / 进展情况 / 责任单位), as of today or a month's end.
/// </summary>
public sealed class ExportVerb(
    PlanExporter exporter, ProgressTable progressTable, OverdueReportService reports, PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public const string WorkbookFormat = "workbook";
    public const string ProgressTableFormat = "progress-table";

    public static CliVerbSpec Spec { get; } = new(
        "export",
        [],
        [new CliOption("out", "plan.xlsx", Required: true), new CliOption("format", $"{WorkbookFormat}|{ProgressTableFormat}"), new CliOption("month", "YYYY-MM")],
        $"--out plan.xlsx [--format {WorkbookFormat}|{ProgressTableFormat}] [--month YYYY-MM]",
        "every task with its light, progress, owners and deadlines, and the full history, as an .xlsx; "
        + "--format progress-table: the public progress table (序号/年度目标任务/进展情况/责任单位), as of today or --month's end");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var name = Spec.Name;
        var format = input.Option("format")?.Trim().ToLowerInvariant() ?? WorkbookFormat;
        if (format is not (WorkbookFormat or ProgressTableFormat))
        {
            throw new CliInputException($"{name}: --format '{input.Option("format")}' is not a format ({WorkbookFormat} or {ProgressTableFormat})");
        }

        YearMonth? month = null;
        if (input.Option("month") is not null)
        {
            month = format == ProgressTableFormat
                ? CliReportOptions.MonthOf(input, name)
                : throw new CliInputException($"{name}: --month goes with --format {ProgressTableFormat} (the {WorkbookFormat} is always as of today)");
        }

        var path = CliReportOptions.OutputPath(name, "out", input.Option("out")!, ".xlsx");
        if (format == ProgressTableFormat)
        {
            if (month is { } asked)
            {
                await CliReportOptions.EnsureReportableAsync(name, "progress table", asked, reports, db, clock, ct);
            }
            else if (!await db.Plans.AnyAsync(ct))
            {
                throw new CliInputException($"{name}: there is no plan to export");
            }

            var content = await progressTable.BuildAsync(db, month, ct);
            await CliReportOptions.WriteAsync(name, path, ProgressTable.Render(content), ct);
            var count = content.Sections.Sum(s => s.Rows.Count);
            input.Out.WriteLine(
                $"exported the progress table of {count} tasks as of {content.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {path}");
            return CliApp.Success;
        }

        using var workbook = new MemoryStream();
        await exporter.ExportAsync(db, workbook, ct);
        await CliReportOptions.WriteAsync(name, path, workbook.ToArray(), ct);
        var tasks = await db.Tasks.CountAsync(ct);
        var history = await db.ProgressUpdates.CountAsync(ct);
        input.Out.WriteLine($"exported {tasks} tasks and {history} history entries to {path}");
        return CliApp.Success;
    }
}
