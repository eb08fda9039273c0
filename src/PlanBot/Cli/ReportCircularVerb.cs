using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Reports;
using PlanBot.Reports.Circular;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>report circular: the month's 通报 as a .docx draft (docs/circular.md).</summary>
public sealed class ReportCircularVerb(
    OverdueReportService reports, OverdueReportBuilder builder, PlanBotDbContext db, PlanClock clock, IOptions<CircularOptions> options) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "report circular",
        [],
        [new CliOption("month", "YYYY-MM", Required: true), new CliOption("out", "file.docx", Required: true), new CliOption("number", "N"), CliReportOptions.Language],
        "--month YYYY-MM --out file.docx [--number N] [--lang zh|en]",
        "a month's circular (通报) as a .docx draft after GB/T 9704: counts against 序时进度, lagging tasks, appendix table");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var name = Spec.Name;
        var month = CliReportOptions.MonthOf(input, name);

        var language = CliReportOptions.LanguageOf(input, name);
        var path = CliReportOptions.OutputPath(name, "out", input.Option("out")!, ".docx");
        var number = month.Month;
        if (input.Option("number") is { } numberText
            && !(int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= 9999))
        {
            throw new CliInputException($"{name}: --number '{numberText}' is not a whole number from 1 to 9999");
        }

        await CliReportOptions.EnsureReportableAsync(name, "circular", month, reports, db, clock, ct);
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstAsync(ct);

        var report = await builder.BuildAsync(db, month, ct);
        var content = CircularWriter.Write(report, plan, options.Value, number, clock.Today, language);
        await CliReportOptions.WriteAsync(name, path, CircularDocument.Render(content), ct);
        input.Out.WriteLine(content.Title);
        input.Out.WriteLine(content.Number);
        input.Out.WriteLine($"circular: {path}");
        return CliApp.Success;
    }
}
