using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports.Xlsx;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// `export --out plan.xlsx`: every task with its light, progress, target, owners and deadlines, the full history, and
/// every 提示单 and 督办单 with its signing and reply.
/// The 任务 sheet comes first and is importable as it is (`import plan`): its headers are aliases of the plan columns
/// (`PlanColumns.Aliases`), its milestones are written as the importer reads them, and the columns only an export has
/// (light, progress, status, …) are ignored by the import. Styled like the report's workbook, but with the header in
/// row 1 and no title row, so the import finds its header where it looks for it; dates are real dates, which the import
/// reads as it reads dates typed in Excel.
/// </summary>
public sealed class PlanExporter(PlanClock clock, TaskLights lights)
{
    public const string TasksSheet = "任务";
    public const string HistorySheet = "历史";
    public const string NoticesSheet = "督办单";

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

        var zh = TextSet.Chinese;
        var taskSheet = SheetContent.Of(TasksSheet, title: null,
        [
            new SheetColumn<PlanTask>("编号", x => x.Code),
            new("清单", x => x.List.ChineseName()),
            new("任务", x => x.Title),
            new("亮灯", x => LightText(x)),
            new("进度%", x => x.ProgressPercent),
            new("目标值", x => x.TargetValue),
            new("当前值", x => x.CurrentValue),
            new("单位", x => x.TargetUnit),
            new("目标说明", x => x.TargetLabel),
            new("牵头单位", x => x.LeadUnit),
            new("责任人", x => x.Owner?.Name),
            new("协办责任人", x => string.Join("、", x.CoOwners.Select(c => c.Member?.Name).OfType<string>())),
            new("开始", x => x.StartDate),
            new("截止", x => x.Deadline),
            new("原定截止", x => x.OriginalDeadline),
            // Text, as the importer reads milestones: "2024-03-29 25% 提出应对举措; …".
            new("节点", x => string.Join("; ", x.Milestones.OrderBy(m => m.Date).Select(m => $"{Iso(m.Date)} {m.ExpectedPercent}% {m.Title}"))),
            new("状态", x => zh.StatusName(x.Status)),
            new("困难", x => x.BlockedReason),
            new("最近更新", x => x.LastUpdateAtUtc is { } at ? clock.ToLocal(at).DateTime : null),
        ], tasks);
        var historySheet = SheetContent.Of(HistorySheet, title: null,
        [
            new SheetColumn<ProgressUpdate>("编号", h => codes.GetValueOrDefault(h.TaskId, "")),
            new("时间", h => clock.ToLocal(h.AtUtc).DateTime),
            new("人员", h => h.Member?.Name),
            new("类型", h => zh.KindName(h.Kind)),
            new("进度%", h => h.Percent),
            new("数值", h => h.Value),
            new("截止", h => h.Deadline),
            new("说明", h => h.Note),
            new("渠道", h => zh.ChannelName(h.Channel)),
        ], history);

        var notices = await db.Notices.AsNoTracking().Include(n => n.Member)
            .OrderBy(n => n.IssuedAtUtc).ThenBy(n => n.Id)
            .ToListAsync(ct);
        DateTime? Local(DateTime? utc) => utc is { } at ? clock.ToLocal(at).DateTime : null;
        var noticesSheet = SheetContent.Of(NoticesSheet, title: null,
        [
            new SheetColumn<Supervision.Notice>("编号", n => n.Title),
            new("类型", n => n.Kind == Supervision.NoticeKind.Hint ? "提示单" : "督办单"),
            new("任务", n => codes.GetValueOrDefault(n.TaskId, "")),
            new("责任人", n => n.Member?.Name),
            new("下发日期", n => n.IssuedOn),
            new("情况", n => n.Situation),
            new("序时进度%", n => n.ScheduledPercent),
            new("实际进度%", n => n.ProgressPercent),
            new("反馈期限", n => n.ReplyBy),
            new("签收时间", n => Local(n.SignedAtUtc)),
            new("反馈时间", n => Local(n.RepliedAtUtc)),
            new("反馈内容", n => n.Reply),
            new("上报督查时间", n => Local(n.EscalatedAtUtc)),
            new("结束", n => n.ClosedNote),
        ], notices);

        var workbook = WorkbookWriter.Write([taskSheet, historySheet, noticesSheet], WorkbookStyles.FontFor(Languages.Chinese));
        await output.WriteAsync(workbook, ct);

        string LightText(PlanTask task)
        {
            var light = lights.Of(task, today, clock.Zone);
            return $"{light.Emoji} {Html.ToPlainText(zh.LightText(light, today.Year))}";
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
