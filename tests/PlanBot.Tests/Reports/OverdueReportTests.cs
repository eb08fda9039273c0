using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Scheduling;
using PlanBot.Tests.Support;
using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;
using SkiaSharp;
using BorderStyleValues = DocumentFormat.OpenXml.Spreadsheet.BorderStyleValues;
using PatternValues = DocumentFormat.OpenXml.Spreadsheet.PatternValues;

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
    public async Task At_the_months_end_a_close_out_asked_for_is_neither_late_nor_done_and_one_sent_back_is_late_again()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        DateTime At(string local) => SchedulingWorld.At(local).UtcDateTime;
        var waiting = await world.TaskAsync("K-01", "2024-09-20", owner);
        waiting.RecordProgress(new ProgressInput(ProgressKind.Percent, 70), owner.Id, UpdateChannel.Command, At("2024-09-02 10:00"));
        waiting.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-09-25 10:00"));
        var returned = await world.TaskAsync("K-02", "2024-09-20", owner);
        returned.RecordProgress(new ProgressInput(ProgressKind.Percent, 60), owner.Id, UpdateChannel.Command, At("2024-09-02 10:00"));
        returned.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-09-10 10:00"));
        returned.ReturnCloseOut("验收未通过", null, UpdateChannel.Cli, At("2024-09-12 10:00"));
        var closed = await world.TaskAsync("K-03", "2024-09-20", owner);
        closed.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-09-18 10:00"));
        closed.ConfirmCloseOut(null, UpdateChannel.Cli, At("2024-09-19 10:00"));
        var closedInOctober = await world.TaskAsync("K-04", "2024-09-20", owner);
        closedInOctober.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-09-18 10:00"));
        closedInOctober.ConfirmCloseOut(null, UpdateChannel.Cli, At("2024-10-08 08:00"));
        var withdrawn = await world.TaskAsync("K-05", "2024-09-20", owner);
        withdrawn.RequestCloseOut(new ProgressInput(ProgressKind.Done), owner.Id, UpdateChannel.Command, At("2024-09-18 10:00"));
        withdrawn.RecordProgress(new ProgressInput(ProgressKind.Percent, 95), owner.Id, UpdateChannel.Reply, At("2024-09-19 10:00"));
        await world.Db.SaveChangesAsync();

        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        Assert.Equal(["K-02", "K-05"], report.Overdue.Tasks.Select(t => t.Code).Order());
        Assert.Equal(60, report.Overdue.Tasks.Single(t => t.Code == "K-02").ProgressPercent);
        var byCode = report.AllTasks.ToDictionary(t => t.Code);
        Assert.Equal((LightReason.AwaitingCloseOut, 100), (byCode["K-01"].Light.Reason, byCode["K-01"].ProgressPercent));
        Assert.NotEqual(Pace.Done, byCode["K-01"].Pace);
        Assert.Equal(LightReason.AwaitingCloseOut, byCode["K-04"].Light.Reason);
        Assert.Equal((Light.Done, Pace.Done), (byCode["K-03"].Light.Light, byCode["K-03"].Pace));
        Assert.Equal(new ListLightCounts(WorkList.Key, 2, 0, 2, 1), Assert.Single(report.Lights, l => l.List == WorkList.Key));
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
        Assert.Equal("📊 <b>2024年9月逾期及滞后情况月报</b>", lines[0]);
        Assert.Equal("截至月末,6 项任务中逾期 <b>4</b> 项、节点滞后 <b>1</b> 项。", lines[1]);
        Assert.Equal("<b>一、逾期任务(已过截止日期)4 项</b>", lines[3]);
        Assert.Equal("<b>投资科</b>(2 项)", lines[4]);
        Assert.Equal("· <b>K-01</b> 任务K-01", lines[5]);
        Assert.Equal("   逾期 7 个工作日(截止 9月20日) · 进度 40% · 投资科负责人 · 最近更新 9月10日", lines[6]);
        var behind = Array.IndexOf(lines, "<b>二、节点滞后任务(节点未达到应有进度)1 项</b>");
        Assert.True(behind > 6, text);
        Assert.Equal("   节点滞后 7 个工作日(节点 9月20日「方案报批」应达 50%) · 进度 20% · 区住建局联络员 · 从未更新", lines[behind + 3]);
        Assert.DoesNotContain("👍", text, StringComparison.Ordinal);
        Assert.Contains("Overdue and lagging report · September 2024", OverdueReportText.Render(report, Languages.English, world.Clock.ToLocalDate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workbook_opens_with_MiniExcel_and_holds_one_sheet_per_kind_of_lateness()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        using var xlsx = new MemoryStream(OverdueReportWorkbook.Render(report, Languages.Chinese, world.Clock.ToLocalDate));

        Assert.Equal(["汇总", "逾期任务", "节点滞后任务", "严重滞后任务", "亮灯"], xlsx.GetSheetNames());
        // Row 1 is the title; the table starts at A2.
        var rows = xlsx.Query(useHeaderRow: true, sheetName: "逾期任务", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["K-01", "K-02", "D-01", "H-02"], rows.Select(r => r["编号"]?.ToString()));
        Assert.Equal(7d, rows[0]["逾期工作日"]);
        Assert.Equal(new DateTime(2024, 11, 30), rows[2]["当前截止"]);
        var behind = Assert.Single(xlsx.Query(useHeaderRow: true, sheetName: "节点滞后任务", startCell: "A2").Cast<IDictionary<string, object>>());
        Assert.Equal(("D-02", "方案报批", 7d), (behind["编号"]?.ToString(), behind["滞后节点"]?.ToString(), behind["节点滞后工作日"]));
        var summary = xlsx.Query(useHeaderRow: true, sheetName: "汇总", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["投资科", "区住建局", "金融科", "合计"], summary.Select(r => r["牵头单位"]?.ToString()));
        Assert.Equal((4d, 1d), (summary[3]["逾期任务数"], summary[3]["节点滞后任务数"]));
    }

    [Fact]
    public async Task Workbook_has_a_title_row_a_bold_filled_header_real_dates_fitted_widths_and_a_Chinese_font()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        using var xlsx = new WorkbookFile(OverdueReportWorkbook.Render(report, Languages.Chinese, world.Clock.ToLocalDate));

        Assert.Empty(xlsx.SchemaErrors);
        Assert.Equal("2024年9月逾期及滞后情况月报 · 逾期任务", xlsx.Text("逾期任务", "A1"));
        Assert.Equal(["A1:M1"], xlsx.MergedRanges("逾期任务"));
        var title = xlsx.FontOf(xlsx.Cell("逾期任务", "A1"));
        var header = xlsx.Cell("逾期任务", "B2");
        Assert.Equal("编号", xlsx.Text("逾期任务", "B2"));
        Assert.NotNull(title.Bold);
        Assert.True(title.FontSize!.Val! > xlsx.FontOf(header).FontSize!.Val!);
        Assert.NotNull(xlsx.FontOf(header).Bold);
        Assert.Equal(PatternValues.Solid, xlsx.FillOf(header).PatternType!.Value);
        Assert.Equal("FFDDE5F0", xlsx.FillOf(header).ForegroundColor!.Rgb!.Value);
        Assert.Equal(BorderStyleValues.Thin, xlsx.BorderOf(header).BottomBorder!.Style!.Value);
        Assert.Equal("A3", xlsx.FrozenAt("逾期任务"));

        // K-01, due 9月20日: a date is Excel's serial day shown through a date format, working days a number.
        var deadline = xlsx.Cell("逾期任务", "G3");
        Assert.Null(deadline.DataType);
        Assert.Equal(new DateTime(2024, 9, 20).ToOADate(), double.Parse(deadline.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("yyyy-mm-dd", xlsx.NumberFormatOf(deadline));
        Assert.Null(xlsx.Cell("逾期任务", "I3").DataType);
        Assert.Equal("7", xlsx.Text("逾期任务", "I3"));

        // Every header fits its column, a Chinese character counted as two; the columns are not all one default width.
        var headers = Enumerable.Range(0, 13).Select(c => xlsx.Text("逾期任务", $"{(char)('A' + c)}2")).ToList();
        var widths = xlsx.ColumnWidths("逾期任务");
        Assert.All(headers.Zip(widths), column => Assert.True(column.Second >= 2 * column.First.Length, $"{column.First}: {column.Second}"));
        Assert.True(widths.Distinct().Count() > 3);
        Assert.Equal("等线", xlsx.DefaultFontName);
        Assert.Equal("2024年9月逾期及滞后情况月报 · 汇总", xlsx.Text("汇总", "A1"));
    }

    [Fact]
    public async Task Chart_is_a_png_of_a_sensible_size_drawn_with_a_font_that_has_the_Chinese_glyphs()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        var png = OverdueReportChart.Render(report, Languages.Chinese);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((OverdueReportChart.Width, OverdueReportChart.HeightOf(report)), (bitmap.Width, bitmap.Height));
        Assert.InRange(bitmap.Height, 600, 1400);
        using var typeface = SKTypeface.FromFamilyName(OverdueReportChart.ChineseFontName);
        Assert.Equal(OverdueReportChart.ChineseFontName, typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("重点工作亮点难点逾期各牵头单位区住建局"));
        // Not a blank page: red overdue bars are drawn.
        Assert.True(ThickestRun(bitmap, OverdueReportChart.LightsHeight, IsOverdueRed) > 0);
    }

    [Fact]
    public async Task Chart_titles_name_the_month_every_bar_carries_its_count_and_the_legends_sit_below_the_plots()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        var chinese = OverdueReportChart.Panels(report, Languages.Chinese);
        var english = OverdueReportChart.Panels(report, Languages.English);

        Assert.Equal("2024年9月各清单亮灯情况", chinese.Lights.Axes.Title.Label.Text);
        Assert.Equal("2024年9月各牵头单位逾期及滞后任务", chinese.Late.Axes.Title.Label.Text);
        foreach (var plot in new[] { chinese.Lights, chinese.Late })
        {
            // No legend inside the data area, where it would cover bars: a legend panel under the plot instead.
            Assert.False(plot.Legend.IsVisible);
            Assert.Contains(plot.Axes.GetPanels(), p => p is LegendPanel && p.Edge == Edge.Bottom);

            // Each segment's count is drawn, inside it or as a tag beside the bar when it is too thin.
            var bars = plot.GetPlottables().OfType<BarPlot>().SelectMany(b => b.Bars).ToList();
            var labels = bars.Select(b => b.Label).Where(l => l.Length > 0).Concat(plot.GetPlottables().OfType<Text>().Select(t => t.LabelText));
            Assert.Equal(bars.Select(b => (b.Value - b.ValueBase).ToString(CultureInfo.InvariantCulture)).Order(), labels.Order());
        }

        var late = chinese.Late.GetPlottables().OfType<BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.Equal(report.RedCount, late.Sum(b => b.Value - b.ValueBase));
        Assert.Equal("Lights per list · September 2024", english.Lights.Axes.Title.Label.Text);
        Assert.Equal("Overdue and lagging tasks per lead unit · September 2024", english.Late.Axes.Title.Label.Text);
        Assert.Equal(
            ["Done", "On track", "At risk", "Red"],
            english.Lights.GetPlottables().OfType<BarPlot>().Select(b => b.LegendText));
        // Tick labels are placed when the plot is drawn.
        english.Lights.GetImageBytes(OverdueReportChart.Width, OverdueReportChart.LightsHeight, ImageFormat.Png);
        Assert.Equal(["Key work", "Highlight work", "Difficult work"], english.Lights.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label));
        Assert.Equal(["Overdue", "Behind a milestone", "Far behind"], english.Late.GetPlottables().OfType<BarPlot>().Select(b => b.LegendText));
    }

    [Fact]
    public async Task A_few_lead_units_get_bars_a_row_thick_instead_of_filling_the_panel()
    {
        await using var world = await KnownPlanAsync();
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);

        using var bitmap = SKBitmap.Decode(OverdueReportChart.Render(report, Languages.Chinese));

        // Three units: drawn as rows of a panel laid out for at least six.
        Assert.Equal(3, report.Sections.SelectMany(s => s.Units).Select(u => u.LeadUnit).Distinct().Count());
        Assert.InRange(ThickestRun(bitmap, OverdueReportChart.LightsHeight, IsOverdueRed), 10, OverdueReportChart.RowHeight);
    }

    [Fact]
    public async Task A_month_without_red_tasks_says_so_instead_of_drawing_an_empty_axis()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("投资科负责人");
        await world.TaskAsync("K-01", "2024-12-31", owner, leadUnit: "投资科", percent: 50, lastUpdate: "2024-09-25 10:00");
        var report = await world.ReportBuilder().BuildAsync(world.Db, September);
        Assert.Equal(0, report.RedCount);

        var late = OverdueReportChart.Panels(report, Languages.Chinese).Late;
        using var bitmap = SKBitmap.Decode(OverdueReportChart.Render(report, Languages.Chinese));

        Assert.Equal("无逾期或滞后任务", Assert.Single(late.GetPlottables().OfType<Text>()).LabelText);
        Assert.Empty(late.GetPlottables().OfType<BarPlot>());
        Assert.False(late.Axes.Bottom.IsVisible);
        Assert.False(late.Axes.Left.IsVisible);
        Assert.True(late.Axes.Title.IsVisible);
        Assert.Equal(OverdueReportChart.HeightOf(report), bitmap.Height);
        Assert.Equal(0, ThickestRun(bitmap, OverdueReportChart.LightsHeight, IsOverdueRed));
    }

    private static bool IsOverdueRed(SKColor p) => Math.Abs(p.Red - 0xD9) < 12 && Math.Abs(p.Green - 0x30) < 12 && Math.Abs(p.Blue - 0x25) < 12;

    /// <summary>The longest run of pixels of a colour down any column of the picture below <paramref name="top"/>.</summary>
    private static int ThickestRun(SKBitmap bitmap, int top, Func<SKColor, bool> matches)
    {
        var thickest = 0;
        for (var x = 0; x < bitmap.Width; x += 4)
        {
            var run = 0;
            for (var y = top; y < bitmap.Height; y++)
            {
                run = matches(bitmap.GetPixel(x, y)) ? run + 1 : 0;
                thickest = Math.Max(thickest, run);
            }
        }

        return thickest;
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
        Assert.Equal(16, outbox.Count); // summary, workbook, chart and circular, to two chats, twice
        var toSupervisor = outbox.Where(m => m.ChatId == supervisor.ChatId).Take(4).ToList();
        Assert.Contains("逾期及滞后情况月报", toSupervisor[0].Text, StringComparison.Ordinal);
        Assert.Equal((AttachmentKind.Document, "overdue-2024-09.xlsx"), (toSupervisor[1].AttachmentKind!.Value, toSupervisor[1].AttachmentName!));
        Assert.Equal((AttachmentKind.Photo, "overdue-2024-09.png"), (toSupervisor[2].AttachmentKind!.Value, toSupervisor[2].AttachmentName!));
        Assert.Equal((AttachmentKind.Document, "circular-2024-09.docx"), (toSupervisor[3].AttachmentKind!.Value, toSupervisor[3].AttachmentName!));
        await using var check = world.Database.CreateContext();
        var stored = Assert.Single(await check.StoredReports.ToListAsync());
        Assert.Equal("2024-09", stored.Month);
        Assert.Equal(stored.Xlsx, outbox.Last(m => m.AttachmentName == "overdue-2024-09.xlsx").AttachmentContent);
        Assert.Equal(stored.Docx, outbox.Last(m => m.AttachmentName == "circular-2024-09.docx").AttachmentContent);
    }

    [Fact]
    public async Task Each_reader_gets_the_workbook_chart_and_captions_in_their_language_both_kept_with_the_report()
    {
        await using var world = await KnownPlanAsync();
        var chinese = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        var english = await world.MemberAsync("Deputy Director Li", MemberRoles.Supervisor, language: Languages.English);

        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var outbox = await world.OutboxAsync();
        var toChinese = outbox.Where(m => m.ChatId == chinese.ChatId).ToList();
        var toEnglish = outbox.Where(m => m.ChatId == english.ChatId).ToList();
        Assert.Equal(
            ["2024年9月逾期及滞后任务明细(Excel)", "2024年9月各清单亮灯及各牵头单位逾期、滞后情况", "2024年9月“三张清单”工作推进情况的通报(草稿,Word 文档,可修改后印发)"],
            toChinese.Skip(1).Select(m => m.Text));
        Assert.Equal(
            ["Overdue and lagging tasks, September 2024 (Excel)", "Lights per list and late tasks per lead unit, September 2024",
             "Circular (通报) on the “three lists” for September 2024: a draft Word document in Chinese, to edit before it is issued"],
            toEnglish.Skip(1).Select(m => m.Text));
        await using var check = world.Database.CreateContext();
        var stored = Assert.Single(await check.StoredReports.ToListAsync());
        Assert.Equal(stored.Xlsx, toChinese[1].AttachmentContent);
        Assert.Equal(stored.Png, toChinese[2].AttachmentContent);
        Assert.Equal(stored.XlsxEn, toEnglish[1].AttachmentContent);
        Assert.Equal(stored.PngEn, toEnglish[2].AttachmentContent);
        Assert.NotEqual(stored.Png, stored.PngEn);
        using var workbook = new WorkbookFile(stored.XlsxEn!);
        Assert.Equal(["Summary", "Overdue", "Behind a milestone", "Far behind", "Lights"], workbook.SheetNames);
    }

    [Fact]
    public async Task A_report_stored_before_the_English_workbook_sends_the_Chinese_one_to_English_readers()
    {
        await using var world = await KnownPlanAsync();
        var english = await world.MemberAsync("Deputy Director Li", MemberRoles.Supervisor, language: Languages.English);
        world.Db.StoredReports.Add(new StoredReport
        {
            Month = "2024-09",
            CreatedAtUtc = world.Clock.UtcNow,
            Summary = "📊 月报",
            SummaryEn = "📊 Report",
            Xlsx = [1, 2, 3],
            Png = [4, 5, 6],
        });
        await world.Db.SaveChangesAsync();

        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var outbox = await world.OutboxAsync();
        Assert.Equal(["📊 Report", "Overdue and lagging tasks, September 2024 (Excel)", "Lights per list and late tasks per lead unit, September 2024"], outbox.Select(m => m.Text));
        Assert.Equal([1, 2, 3], outbox[1].AttachmentContent);
        Assert.Equal([4, 5, 6], outbox[2].AttachmentContent);
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
        Assert.Equal(4, outbox.Count);
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
