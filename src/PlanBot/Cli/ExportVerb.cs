using Microsoft.EntityFrameworkCore;
using PlanBot.Reports;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class ExportVerb(PlanExporter exporter, PlanBotDbContext db) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "export",
        [],
        [new CliOption("out", "plan.xlsx", Required: true)],
        "--out plan.xlsx",
        "every task with its light, progress, owners and deadlines, and the full history, as an .xlsx");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var path = CliReportOptions.OutputPath(Spec.Name, "out", input.Option("out")!, ".xlsx");
        using var workbook = new MemoryStream();
        await exporter.ExportAsync(db, workbook, ct);
        await CliReportOptions.WriteAsync(Spec.Name, path, workbook.ToArray(), ct);
        var tasks = await db.Tasks.CountAsync(ct);
        var history = await db.ProgressUpdates.CountAsync(ct);
        input.Out.WriteLine($"exported {tasks} tasks and {history} history entries to {path}");
        return CliApp.Success;
    }
}
