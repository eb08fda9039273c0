using MiniExcelLibs;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Scheduling;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reports;

/// <summary>The opt-in ranking of lead units by results (PlanBot:Report:RankUnits) in the monthly report.</summary>
public sealed class UnitRankingTests
{
    private static readonly YearMonth September = new(2024, 9);

    /// <summary>
    /// Seen on 2024-10-08. Every task's light is fixed by its dates alone (done, or its deadline passed), so the ranking
    /// does not hang on the finer points of the light rule:
    /// 区住建局 and 区卫健局 each finished their one task on time in August; 投资科 finished one of two on time and let the
    /// other pass its deadline (08-30); 金融科's task passed its deadline (08-20) and was done only on 09-10; 区林水局's
    /// task starts in September and passes its deadline (09-20) undone.
    /// </summary>
    private static async Task<SchedulingWorld> KnownPlanAsync()
    {
        var world = await SchedulingWorld.CreateAsync("2024-10-08 09:00");
        var owner = await world.MemberAsync("责任人");
        async Task DoneAsync(string code, string unit, string deadline, string doneAt)
        {
            var task = await world.TaskAsync(code, deadline, owner, leadUnit: unit, configure: t =>
            {
                t.Status = PlanTaskStatus.Done;
                t.ProgressPercent = 100;
                t.DoneAtUtc = SchedulingWorld.At(doneAt).UtcDateTime;
                t.LastUpdateAtUtc = t.DoneAtUtc;
            });
            world.Db.ProgressUpdates.Add(new ProgressUpdate
            {
                TaskId = task.Id,
                MemberId = owner.Id,
                AtUtc = SchedulingWorld.At(doneAt).UtcDateTime,
                Kind = UpdateKind.Done,
                Percent = 100,
                Channel = UpdateChannel.Reply,
            });
            await world.Db.SaveChangesAsync();
        }

        await DoneAsync("K-01", "投资科", "2024-08-20", "2024-08-15 10:00");
        await world.TaskAsync("K-02", "2024-08-30", owner, leadUnit: "投资科", percent: 40);
        await DoneAsync("H-01", "金融科", "2024-08-20", "2024-09-10 10:00");
        await DoneAsync("D-01", "区住建局", "2024-08-25", "2024-08-20 10:00");
        await DoneAsync("D-02", "区卫健局", "2024-08-25", "2024-08-24 10:00");
        await world.TaskAsync("D-03", "2024-09-20", owner, leadUnit: "区林水局", start: "2024-09-01", percent: 10);
        return world;
    }

    [Fact]
    public async Task Units_are_ranked_by_results_with_ties_sharing_a_place_and_their_change_since_last_month()
    {
        await using var world = await KnownPlanAsync();

        var ranking = await world.ReportService(world.Db).RankUnitsAsync(September);

        Assert.True(ranking.HasPrevious);
        // August: 区住建局 and 区卫健局 1 (nothing red, all on time), 投资科 3 (half red), 金融科 4 (all red).
        // September: 金融科's task is done, late: nothing red any more, so it passes 投资科.
        Assert.Equal(
            [("区住建局", 1, 0), ("区卫健局", 1, 0), ("金融科", 3, 1), ("投资科", 4, -1), ("区林水局", 5, (int?)null)],
            ranking.Units.Select(u => (u.Result.LeadUnit, u.Rank, u.Change)));
        Assert.Equal(new UnitResult("投资科", 2, 1, 1, 0, 0, 1, 1), ranking.Units[3].Result);
        Assert.Equal(new UnitResult("金融科", 1, 0, 0, 0, 0, 1, 0), ranking.Units[2].Result);
        Assert.Equal((50m, 50m, 50m), (ranking.Units[3].Result.RedShare, ranking.Units[3].Result.BehindShare, ranking.Units[3].Result.FinishedOnTimeShare));
    }

    [Fact]
    public async Task The_first_month_of_a_plan_has_no_change_to_show()
    {
        await using var world = await KnownPlanAsync();
        await using var db = world.Database.CreateContext();

        // No task had started by the end of 2023: nothing to compare with, so no unit is "new" either.
        var ranking = await world.ReportService(db).RankUnitsAsync(new YearMonth(2024, 1));

        Assert.False(ranking.HasPrevious);
        Assert.All(ranking.Units, u => Assert.Null(u.PreviousRank));
        // 区林水局's task starts in September: not ranked in January.
        Assert.DoesNotContain(ranking.Units, u => u.Result.LeadUnit == "区林水局");
        var lines = UnitRankingText.Render(ranking, Languages.Chinese).TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length - 3);
        Assert.All(lines.Skip(3), line => Assert.Matches(@"^\d+\. <b>[^<]+</b> \d+ 项:", line));
    }

    [Fact]
    public async Task Without_RankUnits_the_report_ranks_no_unit_anywhere()
    {
        await using var world = await KnownPlanAsync();
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);

        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var sent = (await world.OutboxAsync()).Where(m => m.ChatId == supervisor.ChatId).ToList();
        Assert.Equal(4, sent.Count); // summary, workbook, chart, circular
        Assert.DoesNotContain(sent, m => m.Text.Contains("排名", StringComparison.Ordinal));
        using var workbook = new WorkbookFile(sent[1].AttachmentContent!);
        Assert.DoesNotContain(UnitRankingText.SheetName(Languages.Chinese), workbook.SheetNames);
    }

    [Fact]
    public async Task With_RankUnits_the_report_sends_the_ranking_after_the_summary_and_adds_its_sheet_and_switching_off_removes_it()
    {
        await using var world = await KnownPlanAsync();
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        var english = await world.MemberAsync("Deputy Director Li", MemberRoles.Supervisor, language: Languages.English);
        world.Report.RankUnits = true;

        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var sent = (await world.OutboxAsync()).Where(m => m.ChatId == supervisor.ChatId).ToList();
        Assert.Equal(5, sent.Count);
        Assert.Contains("逾期及滞后情况月报", sent[0].Text, StringComparison.Ordinal);
        Assert.Equal(
            [
                "<b>2024年9月牵头单位排名(按结果)</b>",
                "按红灯率、欠序时进度率由低到高,再按按期完成率由高到低排列,三项相同的并列;只看任务结果,不看报送次数。",
                "",
                "1. <b>区住建局</b>(持平) 1 项:按期完成 1 · 🔴0 🟡0 🟢0 ✅1 · 欠序时进度 0",
                "1. <b>区卫健局</b>(持平) 1 项:按期完成 1 · 🔴0 🟡0 🟢0 ✅1 · 欠序时进度 0",
                "3. <b>金融科</b>(↑1) 1 项:按期完成 0 · 🔴0 🟡0 🟢0 ✅1 · 欠序时进度 0",
                "4. <b>投资科</b>(↓1) 2 项:按期完成 1 · 🔴1 🟡0 🟢0 ✅1 · 欠序时进度 1",
                "5. <b>区林水局</b>(新) 1 项:按期完成 0 · 🔴1 🟡0 🟢0 ✅0 · 欠序时进度 1",
            ],
            sent[1].Text.TrimEnd('\n').Split('\n'));
        Assert.Equal("overdue-2024-09.xlsx", sent[2].AttachmentName);
        using (var workbook = new WorkbookFile(sent[2].AttachmentContent!))
        {
            Assert.Empty(workbook.SchemaErrors);
            Assert.Equal(["汇总", "逾期任务", "节点滞后任务", "严重滞后任务", "亮灯", "单位排名"], workbook.SheetNames);
            Assert.Equal("2024年9月逾期及滞后情况月报 · 单位排名", workbook.Text("单位排名", "A1"));
            Assert.Equal("A3", workbook.FrozenAt("单位排名"));
        }

        var rows = MiniExcel.Query(new MemoryStream(sent[2].AttachmentContent!), useHeaderRow: true, sheetName: "单位排名", startCell: "A2")
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(
            ["名次", "较上月", "牵头单位", "任务数", "按期完成", "红灯(逾期、节点滞后或严重滞后)", "黄灯(有风险)", "绿灯(正常)", "已完成", "欠序时进度", "红灯率%", "欠序时进度率%", "按期完成率%"],
            rows[0].Keys);
        Assert.Equal((4d, "↓1", "投资科", 2d, 50d), (rows[3]["名次"], rows[3]["较上月"]?.ToString(), rows[3]["牵头单位"]?.ToString(), rows[3]["任务数"], rows[3]["红灯率%"]));
        Assert.Equal("新", rows[4]["较上月"]?.ToString());

        var toEnglish = (await world.OutboxAsync()).Where(m => m.ChatId == english.ChatId).ToList();
        Assert.StartsWith("<b>Lead units ranked by results · September 2024</b>", toEnglish[1].Text, StringComparison.Ordinal);
        Assert.Contains("3. <b>金融科</b> (↑1) 1 tasks: finished on time 0 · 🔴0 🟡0 🟢0 ✅1 · behind schedule 0", toEnglish[1].Text, StringComparison.Ordinal);
        using (var englishWorkbook = new WorkbookFile(toEnglish[2].AttachmentContent!))
        {
            Assert.Equal("Unit ranking", englishWorkbook.SheetNames[^1]);
        }

        // Worked out on delivery, not stored: switched off, the same stored report goes out without it.
        world.Report.RankUnits = false;
        await using (var db = world.Database.CreateContext())
        {
            await world.ReportService(db).SendAsync(September);
        }

        var again = (await world.OutboxAsync()).Where(m => m.ChatId == supervisor.ChatId).Skip(5).ToList();
        Assert.Equal(4, again.Count);
        using var plain = new WorkbookFile(again[1].AttachmentContent!);
        Assert.Equal(["汇总", "逾期任务", "节点滞后任务", "严重滞后任务", "亮灯"], plain.SheetNames);
    }
}
