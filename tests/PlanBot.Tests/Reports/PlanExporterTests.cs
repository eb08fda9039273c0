using System.Globalization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Scheduling;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reports;

public sealed class PlanExporterTests
{
    [Fact]
    public async Task Export_holds_every_task_with_light_progress_target_owners_and_the_history()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("区人力社保局联络员");
        var coOwner = await world.MemberAsync("社会发展科负责人");
        var talent = await world.TaskAsync("D-01", "2024-12-31", owner, percent: 62, lastUpdate: "2024-10-01 10:00", configure: t =>
        {
            t.TargetValue = 10000;
            t.CurrentValue = 6200;
            t.TargetUnit = "名";
        });
        await world.TaskAsync("K-01", "2024-09-30", owner);
        world.Db.TaskCoOwners.Add(new TaskCoOwner { TaskId = talent.Id, MemberId = coOwner.Id });
        world.Db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = talent.Id,
            MemberId = owner.Id,
            AtUtc = SchedulingWorld.At("2024-10-01 10:00").UtcDateTime,
            Kind = UpdateKind.Progress,
            Percent = 62,
            Value = 6200,
            Note = "新增技能人才6200名",
            Channel = UpdateChannel.Reply,
        });
        await world.Db.SaveChangesAsync();

        using var xlsx = new MemoryStream();
        await new PlanExporter(world.Clock, world.TaskLights()).ExportAsync(world.Db, xlsx);

        xlsx.Position = 0;
        Assert.Equal([PlanExporter.TasksSheet, PlanExporter.HistorySheet, PlanExporter.NoticesSheet], xlsx.GetSheetNames());
        var tasks = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.TasksSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["K-01", "D-01"], tasks.Select(r => r["编号"]?.ToString()));
        Assert.Equal("🔴 逾期 1 个工作日(截止 9月30日)", tasks[0]["亮灯"]?.ToString());
        Assert.Equal((62d, 10000d, 6200d), (tasks[1]["进度%"], tasks[1]["目标值"], tasks[1]["当前值"]));
        Assert.Equal(("区人力社保局联络员", "社会发展科负责人"), (tasks[1]["责任人"]?.ToString(), tasks[1]["协办责任人"]?.ToString()));
        var history = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.HistorySheet).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(history);
        Assert.Equal(("D-01", new DateTime(2024, 10, 1, 10, 0, 0), "新增技能人才6200名"), (row["编号"]?.ToString(), row["时间"], row["说明"]?.ToString()));
    }

    [Fact]
    public async Task Export_shows_a_task_awaiting_close_out_and_each_request_return_and_close_out_in_the_history()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        DateTime At(string local) => SchedulingWorld.At(local).UtcDateTime;
        var closed = await world.TaskAsync("K-01", "2024-12-31", owner);
        closed.RequestCloseOut(new ProgressInput(ProgressKind.Done, Note: "已竣工"), owner.Id, UpdateChannel.Command, At("2024-10-02 10:00"));
        closed.ReturnCloseOut("缺验收报告", supervisor.Id, UpdateChannel.Reply, At("2024-10-03 10:00"));
        closed.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-10-04 10:00"));
        closed.ConfirmCloseOut(supervisor.Id, UpdateChannel.Button, At("2024-10-05 10:00"));
        var waiting = await world.TaskAsync("K-02", "2024-12-31", owner);
        waiting.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Button, At("2024-10-06 10:00"));
        await world.Db.SaveChangesAsync();

        using var xlsx = new MemoryStream();
        await new PlanExporter(world.Clock, world.TaskLights()).ExportAsync(world.Db, xlsx);

        xlsx.Position = 0;
        var tasks = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.TasksSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(("✅ 已完成", "已完成"), (tasks[0]["亮灯"]?.ToString(), tasks[0]["状态"]?.ToString()));
        Assert.Equal(("🟢 待销号", "待销号", 100d), (tasks[1]["亮灯"]?.ToString(), tasks[1]["状态"]?.ToString(), tasks[1]["进度%"]));
        var history = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.HistorySheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(
            [
                ("K-01", "投资科负责人", "申请销号", "已竣工"), ("K-01", "分管副局长", "退回", "缺验收报告"), ("K-01", "投资科负责人", "申请销号", ""),
                ("K-01", "分管副局长", "销号", ""), ("K-02", "投资科负责人", "申请销号", ""),
            ],
            history.Select(r => (r["编号"]?.ToString(), r["人员"]?.ToString(), r["类型"]?.ToString(), r["说明"]?.ToString() ?? "")));
    }

    [Fact]
    public async Task Export_has_a_bold_filled_header_in_row_1_real_dates_and_fitted_widths()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("区人力社保局联络员");
        await world.TaskAsync("D-01", "2024-12-31", owner, percent: 62, lastUpdate: "2024-10-01 10:00", configure: t => t.Title = "新增技能人才1万名,其中高技能人才3000名");

        using var output = new MemoryStream();
        await new PlanExporter(world.Clock, world.TaskLights()).ExportAsync(world.Db, output);

        using var xlsx = new WorkbookFile(output.ToArray());
        Assert.Empty(xlsx.SchemaErrors);
        // No title row: the import reads the header from row 1.
        Assert.Equal(("编号", "D-01"), (xlsx.Text(PlanExporter.TasksSheet, "A1"), xlsx.Text(PlanExporter.TasksSheet, "A2")));
        Assert.Empty(xlsx.MergedRanges(PlanExporter.TasksSheet));
        Assert.Equal("A2", xlsx.FrozenAt(PlanExporter.TasksSheet));
        var header = xlsx.Cell(PlanExporter.TasksSheet, "A1");
        Assert.NotNull(xlsx.FontOf(header).Bold);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PatternValues.Solid, xlsx.FillOf(header).PatternType!.Value);
        // 截止 (column N) is a date, 最近更新 (column S) a date and time, 进度% (column E) a number.
        var deadline = xlsx.Cell(PlanExporter.TasksSheet, "N2");
        Assert.Equal((new DateTime(2024, 12, 31).ToOADate(), "yyyy-mm-dd"), (double.Parse(deadline.CellValue!.Text, CultureInfo.InvariantCulture), xlsx.NumberFormatOf(deadline)));
        var lastUpdate = xlsx.Cell(PlanExporter.TasksSheet, "S2");
        Assert.Equal(new DateTime(2024, 10, 1, 10, 0, 0).ToOADate(), double.Parse(lastUpdate.CellValue!.Text, CultureInfo.InvariantCulture), precision: 5);
        Assert.Equal("yyyy-mm-dd hh:mm", xlsx.NumberFormatOf(lastUpdate));
        Assert.Equal(("62", null), (xlsx.Text(PlanExporter.TasksSheet, "E2"), xlsx.Cell(PlanExporter.TasksSheet, "E2").DataType));
        // The title (17 wide characters: 16 Chinese and a full-width comma, and 5 digits) gets a column wide enough for it.
        Assert.True(xlsx.ColumnWidths(PlanExporter.TasksSheet)[2] >= (2 * 17) + 5);
        Assert.Equal("等线", xlsx.DefaultFontName);
    }
}
