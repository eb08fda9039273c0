using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// `export --out plan.xlsx`: every task with its light, progress, target, owners and deadlines, and the full history.
/// The 任务 sheet comes first and is importable as it is (`import plan`): its headers are aliases of the plan columns
/// (`PlanColumns.Aliases`), its milestones are written as the importer reads them, and the columns only an export has
/// (light, progress, status, …) are ignored by the import.
/// </summary>
public sealed class PlanExporter(PlanClock clock, TaskLights lights)
{
    public const string TasksSheet = "任务";
    public const string HistorySheet = "历史";

    public async Task ExportAsync(PlanBotDbContext db, Stream output, CancellationToken ct = default)
    {
        var today = clock.Today;
        var tasks = await db.Tasks.AsNoTracking()
            .Include(t => t.Owner)
            .Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .ToListAsync(ct);
        // In memory: the list is stored by name, and the export follows the lists' own order (key, highlight, difficulty).
        tasks = tasks.OrderBy(t => t.List).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        var history = await db.ProgressUpdates.AsNoTracking()
            .Include(h => h.Member)
            .OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
            .ToListAsync(ct);
        var codes = tasks.ToDictionary(t => t.Id, t => t.Code);

        var taskRows = tasks.Select(t =>
        {
            var light = lights.Of(t, today, clock.Zone);
            return new Dictionary<string, object?>
            {
                ["编号"] = t.Code,
                ["清单"] = t.List.ChineseName(),
                ["任务"] = t.Title,
                ["亮灯"] = $"{light.Emoji} {Html.ToPlainText(TextSet.Chinese.LightText(light, today.Year))}",
                ["进度%"] = t.ProgressPercent,
                ["目标值"] = t.TargetValue,
                ["当前值"] = t.CurrentValue,
                ["单位"] = t.TargetUnit ?? "",
                ["目标说明"] = t.TargetLabel ?? "",
                ["牵头单位"] = t.LeadUnit,
                ["责任人"] = t.Owner?.Name ?? "",
                ["协办责任人"] = string.Join("、", t.CoOwners.Select(c => c.Member?.Name).OfType<string>()),
                ["开始"] = Iso(t.StartDate),
                ["截止"] = Iso(t.Deadline),
                ["原定截止"] = t.OriginalDeadline is { } o ? Iso(o) : "",
                ["节点"] = string.Join("; ", t.Milestones.OrderBy(m => m.Date).Select(m => $"{Iso(m.Date)} {m.ExpectedPercent}% {m.Title}")),
                ["状态"] = TextSet.Chinese.StatusName(t.Status),
                ["困难"] = t.BlockedReason ?? "",
                ["最近更新"] = t.LastUpdateAtUtc is { } at ? Local(at) : "",
            };
        }).ToList();
        var historyRows = history.Select(h => new Dictionary<string, object?>
        {
            ["编号"] = codes.GetValueOrDefault(h.TaskId, ""),
            ["时间"] = Local(h.AtUtc),
            ["人员"] = h.Member?.Name ?? "",
            ["类型"] = TextSet.Chinese.KindName(h.Kind),
            ["进度%"] = h.Percent,
            ["数值"] = h.Value,
            ["截止"] = h.Deadline is { } d ? Iso(d) : "",
            ["说明"] = h.Note ?? "",
            ["渠道"] = TextSet.Chinese.ChannelName(h.Channel),
        }).ToList();

        await output.SaveAsAsync(
            new Dictionary<string, object> { [TasksSheet] = taskRows, [HistorySheet] = historyRows },
            excelType: ExcelType.XLSX,
            cancellationToken: ct);
    }

    private string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
