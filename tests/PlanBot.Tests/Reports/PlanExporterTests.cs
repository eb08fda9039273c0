using Microsoft.Extensions.Options;
using MiniExcelLibs;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Scheduling;

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
        Assert.Equal([PlanExporter.TasksSheet, PlanExporter.HistorySheet], xlsx.GetSheetNames());
        var tasks = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.TasksSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["K-01", "D-01"], tasks.Select(r => r["编号"]?.ToString()));
        Assert.Equal("🔴 逾期 1 个工作日(截止 9月30日)", tasks[0]["亮灯"]?.ToString());
        Assert.Equal(("62", "10000", "6200"), (tasks[1]["进度%"]?.ToString(), tasks[1]["目标值"]?.ToString(), tasks[1]["当前值"]?.ToString()));
        Assert.Equal(("区人力社保局联络员", "社会发展科负责人"), (tasks[1]["责任人"]?.ToString(), tasks[1]["协办责任人"]?.ToString()));
        var history = xlsx.Query(useHeaderRow: true, sheetName: PlanExporter.HistorySheet).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(history);
        Assert.Equal(("D-01", "2024-10-01 10:00", "新增技能人才6200名"), (row["编号"]?.ToString(), row["时间"]?.ToString(), row["说明"]?.ToString()));
    }
}
