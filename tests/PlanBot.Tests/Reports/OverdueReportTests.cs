using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Scheduling;
using SkiaSharp;

namespace PlanBot.Tests.Reports;

public sealed class OverdueReportTests
{
    private static readonly YearMonth September = new(2024, 9);

    /// <summary>
    /// Seen on 2024-10-08, the first working day after National Day: two tasks of 投资科 overdue, one of 金融科 finished
    /// in time and one finished only in October, one of 区住建局 whose deadline was extended after the month ended,
    /// and one not due yet but behind its milestone of 9月20日.
    /// </summary>
    private static async Task<SchedulingWorld> KnownPlanAsync()
    {
        var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var investment = await world.MemberAsync("投资科负责人");
        var finance = await world.MemberAsync("金融科负责人");
        var housing = await world.MemberAsync("区住建局联络员");
        await world.TaskAsync("K-01", "2024-09-20", investment, leadUnit: "投资科", percent: 40, lastUpdate: "2024-09-10 10:00");
        await world.TaskAsync("K-02", "2024-09-30", investment, leadUnit: "投资科", percent: 90);
        var doneInTime = await world.TaskAsync("H-01", "2024-09-10", finance, leadUnit: "金融科", configure: t =>
        {
            t.Status = PlanTaskStatus.Done;
            t.DoneAtUtc = SchedulingWorld.At("2024-09-25 10:00").UtcDateTime;
        });
        var doneLate = await world.TaskAsync("H-02", "2024-09-15", finance, leadUnit: "金融科", configure: t =>
        {
            t.Status = PlanTaskStatus.Done;
            t.DoneAtUtc = SchedulingWorld.At("2024-10-05 10:00").UtcDateTime;
        });
        var extended = await world.TaskAsync("D-01", "2024-11-30", housing, leadUnit: "区住建局", configure: t => t.OriginalDeadline = SchedulingWorld.Day("2024-09-01"));
        await world.TaskAsync("D-02", "2024-10-15", housing, leadUnit: "区住建局", percent: 20, configure: t =>
            t.Milestones.Add(new Milestone { Date = SchedulingWorld.Day("2024-09-20"), Title = "方案报批", ExpectedPercent = 50 }));
        world.Db.ProgressUpdates.AddRange(
            Update(doneInTime.Id, finance.Id, "2024-09-25 10:00", UpdateKind.Done, note: "已完成"),
            Update(doneLate.Id, finance.Id, "2024-09-12 10:00", UpdateKind.Progress, percent: 50, note: "推进中"),
            Update(doneLate.Id, finance.Id, "2024-10-05 10:00", UpdateKind.Done),
            Update(extended.Id, housing.Id, "2024-09-05 10:00", UpdateKind.Progress, percent: 30, note: "征地受阻"),
            Update(extended.Id, null, "2024-10-03 10:00", UpdateKind.ExtensionApproved, deadline: "2024-11-30"));
        await world.Db.SaveChangesAsync();
        return world;
    }

    private static ProgressUpdate Update(int taskId, int? memberId, string at, UpdateKind kind, int? percent = null, string? note = null, string? deadline = null) => new()
    {
        TaskId = taskId,
        MemberId = memberId,
        AtUtc = SchedulingWorld.At(at).UtcDateTime,
        Kind = kind,
        Percent = percent,
        Note = note,
        Deadline = deadline is null ? null : SchedulingWorld.Day(deadline),
        Channel = UpdateChannel.Reply,
    };

    [Fact]
    public async Task Report_lists_overdue_and_behind_milestone_tasks_at_month_end_in_two_sections_in_working_days()
    {
        await using var world = await KnownPlanAsync();

        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        Assert.Equal(SchedulingWorld.Day("2024-10-01"), report.EvaluatedOn);
        Assert.Equal(6, report.TaskCount);
        Assert.Equal(["投资科", "区住建局", "金融科"], report.Overdue.Units.Select(u => u.LeadUnit));
        Assert.Equal(["K-01", "K-02"], report.Overdue.Units[0].Tasks.Select(t => t.Code));
        var k1 = report.Overdue.Units[0].Tasks[0];
        // After 09-20 up to 10-01: 09-23…27, the make-up Sunday 09-29 and 09-30 (10-01 is National Day).
        Assert.Equal((LightReason.DeadlinePassed, SchedulingWorld.Day("2024-09-20"), 7), (k1.Light.Reason, k1.Light.LateSince, k1.WorkingDaysLate));
        // Due on the month's last day: red on the 1st, not yet a working day late.
        Assert.Equal(0, report.Overdue.Units[0].Tasks[1].WorkingDaysLate);
        Assert.Equal(40, k1.ProgressPercent);
        Assert.Equal("投资科负责人", k1.Owners);

        var late = Assert.Single(report.Overdue.Units[2].Tasks);
        Assert.Equal("H-02", late.Code);
        // 09-15 → 10-01: the Mid-Autumn holiday (09-16, 09-17) and National Day do not count.
        Assert.Equal(10, late.WorkingDaysLate);
        Assert.Equal(50, late.ProgressPercent);
        Assert.Equal("推进中", late.LastUpdateNote);

        var extended = Assert.Single(report.Overdue.Units[1].Tasks);
        Assert.Equal(
            (SchedulingWorld.Day("2024-09-01"), SchedulingWorld.Day("2024-09-01"), SchedulingWorld.Day("2024-11-30")),
            (extended.OriginalDeadline, extended.DeadlineAtMonthEnd, extended.CurrentDeadline));
        Assert.Equal(21, extended.WorkingDaysLate);
        Assert.Equal("区住建局联络员", extended.LastUpdateBy);

        var behind = Assert.Single(Assert.Single(report.BehindMilestone.Units).Tasks);
        Assert.Equal(("D-02", LightReason.MilestoneMissed, SchedulingWorld.Day("2024-09-20"), 7), (behind.Code, behind.Light.Reason, behind.Light.LateSince, behind.WorkingDaysLate));
        Assert.Equal(("方案报批", 50), (behind.Light.MissedMilestone!.Title, behind.Light.MissedMilestone.ExpectedPercent));
        Assert.Equal(report.Lights.Sum(l => l.Red), report.RedCount);
    }

    [Fact]
    public async Task The_month_end_light_of_every_task_is_the_one_light_rule_on_that_day()
    {
        await using var world = await KnownPlanAsync();
        var tasks = await world.Db.Tasks.Include(t => t.Milestones).AsNoTracking().ToListAsync();

        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        // Nothing changed after the month's end for these tasks, so the light rule on their stored state on 10-01 and the
        // report's replay of their history must agree, lateness included.
        foreach (var task in tasks.Where(t => t.Code is "K-01" or "K-02" or "D-02"))
        {
            var now = world.TaskLights().Of(task, report.EvaluatedOn, world.Clock.Zone);
            var inReport = report.Sections.SelectMany(s => s.Tasks).Single(t => t.Code == task.Code);
            Assert.Equal(now, inReport.Light);
        }
    }

    [Fact]
    public async Task Next_months_report_counts_working_days_across_National_Day()
    {
        await using var world = await KnownPlanAsync();

        var report = await world.ReportBuilder().BuildAsync(world.Db, new YearMonth(2024, 10));

        var k1 = report.Overdue.Tasks.Single(t => t.Code == "K-01");
        // 19 October working days (10-08…10-31 with the make-up Saturday 10-12), 7 in September, and Friday 11-01.
        Assert.Equal(27, k1.WorkingDaysLate);
        Assert.DoesNotContain(report.Overdue.Tasks, t => t.Code == "H-02");
        // Past its deadline now: overdue, no longer behind a milestone.
        Assert.Contains(report.Overdue.Tasks, t => t.Code == "D-02");
        Assert.Empty(report.BehindMilestone.Tasks);
    }

    [Fact]
    public async Task Summary_message_counts_first_then_a_section_for_each_kind_by_lead_unit()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        var text = OverdueReportText.Render(report, Languages.Chinese, world.Clock.ToLocalDate);

        var lines = text.Split('\n');
        Assert.Equal("📊 <b>2024年9月逾期及节点滞后情况月报</b>", lines[0]);
        Assert.Equal("截至月末,6 项任务中逾期 <b>4</b> 项、节点滞后 <b>1</b> 项。", lines[1]);
        Assert.Equal("<b>一、逾期任务(已过截止日期)4 项</b>", lines[3]);
        Assert.Equal("<b>投资科</b>(2 项)", lines[4]);
        Assert.Equal("· <b>K-01</b> 任务K-01", lines[5]);
        Assert.Equal("   逾期 7 个工作日(截止 9月20日) · 进度 40% · 投资科负责人 · 最近更新 9月10日", lines[6]);
        var behind = Array.IndexOf(lines, "<b>二、节点滞后任务(节点未达到应有进度)1 项</b>");
        Assert.True(behind > 6, text);
        Assert.Equal("   节点滞后 7 个工作日(节点 9月20日「方案报批」应达 50%) · 进度 20% · 区住建局联络员 · 从未更新", lines[behind + 3]);
        Assert.DoesNotContain("👍", text, StringComparison.Ordinal);
        Assert.Contains("Overdue and behind-milestone report · September 2024", OverdueReportText.Render(report, Languages.English, world.Clock.ToLocalDate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workbook_opens_with_MiniExcel_and_holds_one_sheet_per_kind_of_lateness()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        using var xlsx = new MemoryStream(OverdueReportWorkbook.Render(report, world.Clock.ToLocalDate));

        Assert.Equal(
            [OverdueReportWorkbook.SummarySheet, OverdueReportWorkbook.OverdueSheet, OverdueReportWorkbook.BehindSheet, OverdueReportWorkbook.LightsSheet],
            xlsx.GetSheetNames());
        var rows = xlsx.Query(useHeaderRow: true, sheetName: OverdueReportWorkbook.OverdueSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["K-01", "K-02", "D-01", "H-02"], rows.Select(r => r["编号"]?.ToString()));
        Assert.Equal("7", rows[0]["逾期工作日"]?.ToString());
        Assert.Equal("2024-11-30", rows[2]["当前截止"]?.ToString());
        var behind = Assert.Single(xlsx.Query(useHeaderRow: true, sheetName: OverdueReportWorkbook.BehindSheet).Cast<IDictionary<string, object>>());
        Assert.Equal(("D-02", "方案报批", "7"), (behind["编号"]?.ToString(), behind["滞后节点"]?.ToString(), behind["节点滞后工作日"]?.ToString()));
        var summary = xlsx.Query(useHeaderRow: true, sheetName: OverdueReportWorkbook.SummarySheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["投资科", "区住建局", "金融科", "合计"], summary.Select(r => r["牵头单位"]?.ToString()));
        Assert.Equal(("4", "1"), (summary[3]["逾期任务数"]?.ToString(), summary[3]["节点滞后任务数"]?.ToString()));
    }

    [Fact]
    public async Task Chart_is_a_png_of_a_sensible_size_drawn_with_a_font_that_has_the_Chinese_glyphs()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        var png = OverdueReportChart.Render(report, Languages.Chinese);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((OverdueReportChart.Width, OverdueReportChart.Height), (bitmap.Width, bitmap.Height));
        using var typeface = SKTypeface.FromFamilyName(OverdueReportChart.ChineseFontName);
        Assert.Equal(OverdueReportChart.ChineseFontName, typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("重点工作亮点难点逾期各牵头单位区住建局"));
        // Not a blank page: red overdue bars are drawn.
        Assert.Contains(Enumerable.Range(0, bitmap.Height / 4).Select(i => bitmap.GetPixel(bitmap.Width / 3, bitmap.Height - 1 - (i * 3))), p => p.Red > 180 && p.Green < 80);
    }

    [Fact]
    public async Task Report_is_stored_once_and_sent_as_summary_workbook_and_chart_to_supervisors_and_subscribed_chats()
    {
        await using var world = await KnownPlanAsync();
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        world.Db.ChatSubscriptions.Add(new ChatSubscription { ChatId = -7001, AddedAtUtc = world.Clock.UtcNow });
        await world.Db.SaveChangesAsync();

        await using (var db = world.Database.CreateContext())
        {
            Assert.Equal(2, await world.ReportService(db).SendAsync(September));
        }

        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var outbox = await world.OutboxAsync();
        Assert.Equal(12, outbox.Count);
        var toSupervisor = outbox.Where(m => m.ChatId == supervisor.ChatId).Take(3).ToList();
        Assert.Contains("逾期及节点滞后情况月报", toSupervisor[0].Text, StringComparison.Ordinal);
        Assert.Equal((AttachmentKind.Document, "overdue-2024-09.xlsx"), (toSupervisor[1].AttachmentKind!.Value, toSupervisor[1].AttachmentName!));
        Assert.Equal((AttachmentKind.Photo, "overdue-2024-09.png"), (toSupervisor[2].AttachmentKind!.Value, toSupervisor[2].AttachmentName!));
        await using var check = world.Database.CreateContext();
        var stored = Assert.Single(await check.StoredReports.ToListAsync());
        Assert.Equal("2024-09", stored.Month);
        Assert.Equal(stored.Xlsx, outbox.Last(m => m.AttachmentKind == AttachmentKind.Document).AttachmentContent);
    }

    [Fact]
    public async Task Monthly_report_goes_out_once_on_the_first_working_day_after_National_Day()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-01 09:00");
        await world.MemberAsync("分管副局长", MemberRoles.Supervisor);

        async Task<int> FireAt(string local)
        {
            world.SetNow(local);
            await using var db = world.Database.CreateContext();
            return await world.ReportJob(db).RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await FireAt("2024-10-01 09:00"));
        Assert.Equal(0, await FireAt("2024-10-07 09:00"));
        Assert.Equal(1, await FireAt("2024-10-08 09:00"));
        Assert.Equal(0, await FireAt("2024-10-09 09:00"));
        var outbox = await world.OutboxAsync();
        Assert.Equal(3, outbox.Count);
        Assert.Contains("2024年9月", outbox[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_that_has_not_ended_has_no_report_yet()
    {
        await using var world = await KnownPlanAsync();
        await using var db = world.Database.CreateContext();
        var service = world.ReportService(db);

        Assert.False(service.HasEnded(new YearMonth(2024, 10)));
        Assert.True(service.HasEnded(September));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.GetOrCreateAsync(new YearMonth(2024, 10)));
        Assert.Empty(await db.StoredReports.ToListAsync());
    }
}
