using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PlanBot.Import;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Import;

public sealed class PlanImportTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = ImportTestData.Clock();

    [Fact]
    public async Task Seed_import_fills_the_three_lists_with_their_targets()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);

        await using var db = database.CreateContext();
        var plan = await db.Plans.SingleAsync();
        Assert.Equal(2024, plan.Year);
        Assert.Equal("杭州市临安区发展和改革局", plan.Organisation);
        var counts = await db.Tasks.GroupBy(t => t.List).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(8, counts[WorkList.Key]);
        Assert.Equal(6, counts[WorkList.Highlight]);
        Assert.Equal(14, counts[WorkList.Difficulty]);

        var targets = await db.Tasks.Where(t => t.TargetValue != null)
            .ToDictionaryAsync(t => t.Code, t => (t.TargetValue, t.TargetUnit));
        Assert.Equal(7, targets.Count);
        Assert.Equal((10000m, "名"), targets["D-02"]);
        Assert.Equal((346m, "家"), targets["D-13"]);
        Assert.Equal((16m, "个"), targets["D-09"]);
        Assert.Equal((48.56m, "亿元"), targets["D-10"]);
        Assert.Equal((4m, "个"), targets["K-05"]);
        Assert.Equal((317m, "个"), targets["D-08"]);
        Assert.Equal((145m, "家"), targets["D-04"]);
    }

    [Fact]
    public async Task Seed_import_links_owners_and_sets_dates_and_milestone_percents()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);

        await using var db = database.CreateContext();
        var tasks = await db.Tasks.Include(t => t.Owner).Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones).AsSplitQuery().ToDictionaryAsync(t => t.Code);
        Assert.All(tasks.Values, t => Assert.NotNull(t.Owner));
        Assert.Equal("投资科负责人", tasks["K-01"].Owner!.Name);
        Assert.Equal(["区住建局联络员"], tasks["K-01"].CoOwners.Select(c => c.Member!.Name));
        Assert.Empty(tasks["K-04"].CoOwners);
        Assert.Equal(new DateOnly(2024, 1, 1), tasks["K-01"].StartDate);
        Assert.Equal(new DateOnly(2024, 10, 31), tasks["K-03"].Deadline);
        Assert.True(tasks["K-01"].IsDefaultSchedule);
        Assert.Null(tasks["K-01"].OriginalDeadline);

        // Last milestone on the deadline day expects 100; one before the deadline leaves a final step to it.
        Assert.Equal([25, 50, 75, 100], Percents(tasks["K-01"]));
        Assert.Equal([25, 50, 75], Percents(tasks["K-03"]));
        Assert.Equal([33, 67, 100], Percents(tasks["H-04"]));
        Assert.Empty(await db.ProgressUpdates.ToListAsync());
    }

    [Fact]
    public async Task Reimporting_the_same_files_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var before = await ImportTestData.CountRowsAsync(database);

        _time.Advance(TimeSpan.FromDays(3));
        ImportSummary plan, roster;
        await using (var db = database.CreateContext())
        {
            roster = await new RosterImporter(_time).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
            plan = await new PlanImporter(_time).ImportAsync(db, ImportTestData.SeedPlan, PlanChoice.FromFile, CancellationToken.None);
        }

        Assert.Equal((0, 0, 28), (plan.Created, plan.Updated, plan.Unchanged));
        Assert.Equal((0, 0, 19), (roster.Created, roster.Updated, roster.Unchanged));
        Assert.Equal(before, await ImportTestData.CountRowsAsync(database));
        await using var check = database.CreateContext();
        Assert.Equal(new DateTime(2024, 5, 15, 2, 0, 0, DateTimeKind.Utc), (await check.Plans.SingleAsync()).ImportedAtUtc);
    }

    [Fact]
    public async Task Changed_file_updates_fields_and_records_owner_and_deadline_changes_but_keeps_progress()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        int milestoneId;
        await using (var db = database.CreateContext())
        {
            var k01 = await db.Tasks.Include(t => t.Milestones).SingleAsync(t => t.Code == "K-01");
            milestoneId = k01.Milestones.Single(m => m.Date == new DateOnly(2024, 6, 28)).Id;
            k01.ProgressPercent = 40;
            k01.Status = PlanTaskStatus.Blocked;
            k01.History.Add(new ProgressUpdate { AtUtc = _time.GetUtcNow().UtcDateTime, Kind = UpdateKind.Progress, Percent = 40, Channel = UpdateChannel.Reply });
            await db.SaveChangesAsync();
        }

        var json = JsonNode.Parse(await File.ReadAllTextAsync(ImportTestData.SeedPlan))!;
        var task = json["tasks"]!.AsArray().Single(t => (string)t!["code"]! == "K-01")!;
        task["deadline"] = "2024-11-30";
        task["owner"] = "产业科负责人";
        task["title"] = "挖掘房地产潜力(修订)";
        task["milestones"]![1]!["title"] = "方案形成";
        task["milestones"]!.AsArray().RemoveAt(3);
        var changed = ImportTestData.TempFile(".json");
        await File.WriteAllTextAsync(changed, json.ToJsonString());

        _time.Advance(TimeSpan.FromDays(1));
        await using (var db = database.CreateContext())
        {
            var summary = await new PlanImporter(_time).ImportAsync(db, changed, PlanChoice.FromFile, CancellationToken.None);
            Assert.Equal((0, 1, 27), (summary.Created, summary.Updated, summary.Unchanged));
        }

        await using var after = database.CreateContext();
        var k = await after.Tasks.Include(t => t.Owner).Include(t => t.Milestones).Include(t => t.History)
            .AsSplitQuery().SingleAsync(t => t.Code == "K-01");
        Assert.Equal("挖掘房地产潜力(修订)", k.Title);
        Assert.Equal("产业科负责人", k.Owner!.Name);
        Assert.Equal(new DateOnly(2024, 11, 30), k.Deadline);
        Assert.Equal(new DateOnly(2024, 12, 31), k.OriginalDeadline);
        Assert.Equal(40, k.ProgressPercent);
        Assert.Equal(PlanTaskStatus.Blocked, k.Status);
        Assert.Equal([25, 50, 75], Percents(k));
        Assert.Equal("方案形成", k.Milestones.Single(m => m.Id == milestoneId).Title);
        var history = k.History.OrderBy(h => h.Id).ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal((UpdateKind.Progress, UpdateChannel.Reply, 40), (history[0].Kind, history[0].Channel, history[0].Percent!.Value));
        Assert.Contains(history, h => h is { Kind: UpdateKind.Assigned, Channel: UpdateChannel.Import } && h.Note!.Contains("产业科负责人", StringComparison.Ordinal));
        Assert.Contains(history, h => h is { Kind: UpdateKind.DeadlineChanged, Channel: UpdateChannel.Import } && h.Deadline == new DateOnly(2024, 11, 30));
        File.Delete(changed);
    }

    [Fact]
    public async Task Moving_the_deadline_again_keeps_the_first_original()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var first = ImportTestData.WriteCsv("K-01,key,,,挖掘房地产潜力,,区发改局投资科,投资科负责人,区住建局联络员,2025-01-31,,,,");
        var moved = ImportTestData.WriteCsv("K-01,key,,,挖掘房地产潜力,,区发改局投资科,投资科负责人,区住建局联络员,2025-02-28,,,,");
        await using (var db = database.CreateContext())
        {
            await new PlanImporter(_time).ImportAsync(db, first, PlanChoice.FromFile, CancellationToken.None);
        }

        await using (var db = database.CreateContext())
        {
            await new PlanImporter(_time).ImportAsync(db, moved, PlanChoice.FromFile, CancellationToken.None);
        }

        await using var check = database.CreateContext();
        var k = await check.Tasks.SingleAsync(t => t.Code == "K-01");
        Assert.False(k.IsDefaultSchedule);
        Assert.Equal(new DateOnly(2025, 2, 28), k.Deadline);
        Assert.Equal(new DateOnly(2024, 12, 31), k.OriginalDeadline);
        Assert.Equal(2, await check.ProgressUpdates.CountAsync(u => u.TaskId == k.Id && u.Kind == UpdateKind.DeadlineChanged));
        File.Delete(first);
        File.Delete(moved);
    }

    [Fact]
    public async Task Csv_updates_and_adds_tasks_in_the_existing_plan()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var csv = ImportTestData.WriteCsv(
            "K-09,重点,(一),9.,新增重点任务,\"细节,含逗号\n第二行\",区发改局投资科,投资科负责人,产业科负责人；金融科负责人,2024-09-30,\"2024-03-29 研究; 2024-06-28 60% 过半\",12,个,项目");

        await using (var db = database.CreateContext())
        {
            var summary = await new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None);
            Assert.Equal((1, 0, 0), (summary.Created, summary.Updated, summary.Unchanged));
            Assert.Equal(28, summary.NotInFile.Count);
        }

        await using var check = database.CreateContext();
        var k09 = await check.Tasks.Include(t => t.CoOwners).ThenInclude(c => c.Member).Include(t => t.Milestones)
            .AsSplitQuery().SingleAsync(t => t.Code == "K-09");
        Assert.Equal(WorkList.Key, k09.List);
        Assert.Equal("细节,含逗号\n第二行", k09.Detail);
        Assert.Equal(["产业科负责人", "金融科负责人"], k09.CoOwners.Select(c => c.Member!.Name).Order());
        Assert.Equal([33, 60], Percents(k09));
        Assert.Equal((12m, "个", "项目"), (k09.TargetValue, k09.TargetUnit, k09.TargetLabel));
        Assert.Equal(1, await check.Plans.CountAsync());
        File.Delete(csv);
    }

    [Fact]
    public async Task Columns_left_out_of_a_sheet_keep_their_stored_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv, "code,list,title,owner,deadline\nD-02,difficulty,技术工人提能增薪行动:新增技能人才,综合科负责人,2024-12-31\n");

        await using (var db = database.CreateContext())
        {
            var summary = await new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None);
            Assert.Equal((0, 1, 0), (summary.Created, summary.Updated, summary.Unchanged));
        }

        await using var check = database.CreateContext();
        var d02 = await check.Tasks.Include(t => t.Owner).Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones).AsSplitQuery().SingleAsync(t => t.Code == "D-02");
        Assert.Equal("综合科负责人", d02.Owner!.Name);
        Assert.Equal((10000m, "名"), (d02.TargetValue!.Value, d02.TargetUnit));
        Assert.Equal("区人力社保局", d02.LeadUnit);
        Assert.StartsWith("开展“技术工人提能增薪行动", d02.Detail, StringComparison.Ordinal);
        Assert.Equal(["社会发展科负责人"], d02.CoOwners.Select(c => c.Member!.Name));
        Assert.Equal(4, d02.Milestones.Count);
        Assert.False(d02.IsDefaultSchedule); // a new owner is a confirmed assignment
        File.Delete(csv);
    }

    [Fact]
    public async Task Bad_csv_rows_are_all_reported_by_row_and_column_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var before = await ImportTestData.CountRowsAsync(database);
        var csv = ImportTestData.WriteCsv(
            "K-09,key,,,好的新任务,,,投资科负责人,,2024-12-31,,,,",
            "K-10,key,,,日期错误,,,投资科负责人,,2024-13-01,,,,",
            "H-07,key,,,,,,无名氏,,2024-12-31,2025-01-15 晚于期限,-3,,",
            "K-09,key,,,重复,,,投资科负责人,,2024-12-31,,,,");

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.csv"));

        Assert.Equal(
        [
            "plan.csv: row 3, column deadline: '2024-13-01' is not a date (YYYY-MM-DD)",
            "plan.csv: row 4, column code: 'H-07' is on the key list, so its code must start with K",
            "plan.csv: row 4, column title: required",
            "plan.csv: row 4, column owner: '无名氏' is not on the roster",
            "plan.csv: row 4, column milestones: milestone 2025-01-15: after the deadline 2024-12-31",
            "plan.csv: row 4, column target_value: '-3' is not a number greater than 0",
            "plan.csv: row 5, column code: duplicate code K-09 (first at row 2)",
        ], failure.Errors.Select(e => e.ToString()));
        Assert.Equal(before, await ImportTestData.CountRowsAsync(database));
        File.Delete(csv);
    }

    [Fact]
    public async Task Milestone_percents_that_fall_as_dates_rise_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var csv = ImportTestData.WriteCsv("K-09,key,,,任务,,,投资科负责人,,2024-12-31,\"2024-03-29 60% 一; 2024-06-28 40% 二\",,,");

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.csv"));

        Assert.Equal(["plan.csv: row 2, column milestones: milestone 2024-06-28: 40% is less than 60% on 2024-03-29"],
            failure.Errors.Select(e => e.ToString()));
        File.Delete(csv);
    }

    [Fact]
    public async Task Csv_rows_are_numbered_as_a_spreadsheet_shows_them_across_blank_lines_and_multi_line_cells()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var csv = ImportTestData.WriteCsv(
            "K-09,key,,,任务,\"第一行\n第二行\n第三行\",,投资科负责人,,2024-12-31,,,,",
            "",
            "K-10,key,,,任务,,,投资科负责人,,2024-12-00,,,,");

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.csv"));

        Assert.Equal(["plan.csv: row 4, column deadline: '2024-12-00' is not a date (YYYY-MM-DD)"], failure.Errors.Select(e => e.ToString()));
        File.Delete(csv);
    }

    [Fact]
    public async Task A_malformed_milestone_cell_is_reported_together_with_the_other_problems()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var csv = ImportTestData.WriteCsv("K-09,key,,,任务,,,投资科负责人,,2024-12-40,年中检查,,,");

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.csv"));

        Assert.Equal(
        [
            "plan.csv: row 2, column milestones: '年中检查' is not 'YYYY-MM-DD [NN%] title'",
            "plan.csv: row 2, column deadline: '2024-12-40' is not a date (YYYY-MM-DD)",
        ], failure.Errors.Select(e => e.ToString()));
        File.Delete(csv);
    }

    [Fact]
    public async Task Bad_xlsx_row_is_reported_by_row_and_column_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var before = await ImportTestData.CountRowsAsync(database);
        var xlsx = ImportTestData.TempFile(".xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[]
        {
            Row("K-09", "key", "第一项", "投资科负责人", "2024-12-31", "2024-06-28 年中", "", ""),
            Row("K-10", "重点", "第二项", "投资科负责人", "2024-12-31", "", "500", ""),
            Row("X-1", "关键", "第三项", "投资科负责人", "2024-12-31", "", "", ""),
        });

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, xlsx, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.xlsx"));

        Assert.Equal(
        [
            "plan.xlsx: row 3, column target_unit: a target value needs a unit (e.g. 名, 家, 个, 亿元)",
            "plan.xlsx: row 4, column list: '关键' is not a list (key, highlight or difficulty; also 重点, 亮点 or 难点)",
            "plan.xlsx: row 4, column code: 'X-1' is not a task code (K-01, H-02, D-123: K, H or D, a dash, 2 or 3 digits)",
        ], failure.Errors.Select(e => e.ToString()));
        Assert.Equal(before, await ImportTestData.CountRowsAsync(database));
        File.Delete(xlsx);
    }

    [Fact]
    public async Task Valid_xlsx_imports_with_dates_typed_as_dates()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var xlsx = ImportTestData.TempFile(".xlsx");
        var row = Row("H-07", "亮点", "新亮点", "信用科负责人", "", "2024-06-28 年中", "3", "个");
        row["deadline"] = new DateTime(2024, 11, 29);
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[] { row });

        await using (var db = database.CreateContext())
        {
            var summary = await new PlanImporter(_time).ImportAsync(db, xlsx, PlanChoice.FromFile, CancellationToken.None);
            Assert.Equal(1, summary.Created);
        }

        await using var check = database.CreateContext();
        var h07 = await check.Tasks.Include(t => t.Milestones).SingleAsync(t => t.Code == "H-07");
        Assert.Equal(new DateOnly(2024, 11, 29), h07.Deadline);
        Assert.Equal([50], Percents(h07));
        File.Delete(xlsx);
    }

    [Fact]
    public async Task Bad_json_task_is_named_by_index_code_and_field()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(ImportTestData.SeedPlan))!;
        json["tasks"]![4]!["deadline"] = "2024-02-30";
        json["tasks"]![4]!["leadUnit"] = new string('局', 101);
        var path = ImportTestData.TempFile(".json");
        await File.WriteAllTextAsync(path, json.ToJsonString());

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, path, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.json"));

        Assert.Equal(
        [
            "plan.json: tasks[4] (K-05), field leadUnit: 101 characters; at most 100",
            "plan.json: tasks[4] (K-05), field deadline: '2024-02-30' is not a date (YYYY-MM-DD)",
        ], failure.Errors.Select(e => e.ToString()));
        File.Delete(path);
    }

    [Fact]
    public async Task Sheet_without_a_plan_to_go_into_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = ImportTestData.WriteCsv("K-01,key,,,任务,,,,,2024-12-31,,,,");

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None, fileLabel: "plan.csv"));

        Assert.Equal(["plan.csv: no plan to import into: add year and organisation columns, or pass --year and --organisation"],
            failure.Errors.Select(e => e.ToString()));
        File.Delete(csv);
    }

    [Fact]
    public async Task Sheet_with_year_and_organisation_creates_that_plan_with_unowned_tasks()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv, "year,organisation,code,list,title,owner,deadline\n2025,区发改局,D-01,难点,任务,,2025-06-30\n");

        await using (var db = database.CreateContext())
        {
            await new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None);
        }

        await using var check = database.CreateContext();
        var task = await check.Tasks.Include(t => t.Plan).SingleAsync();
        Assert.Equal((2025, "区发改局"), (task.Plan!.Year, task.Plan.Organisation));
        Assert.Null(task.OwnerId);
        Assert.Equal(new DateOnly(2025, 1, 1), task.StartDate);
        File.Delete(csv);
    }

    [Fact]
    public async Task Csv_saved_by_a_chinese_excel_in_gb18030_is_read()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportTestData.SeedAsync(database, _time);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllBytesAsync(csv, System.Text.Encoding.GetEncoding("GB18030").GetBytes(
            ImportTestData.CsvHeader + "\nD-15,难点,,,山区新任务,,,社会发展科负责人,,2024-12-31,,,,\n"));

        await using (var db = database.CreateContext())
        {
            await new PlanImporter(_time).ImportAsync(db, csv, PlanChoice.FromFile, CancellationToken.None);
        }

        await using var check = database.CreateContext();
        Assert.Equal("山区新任务", (await check.Tasks.SingleAsync(t => t.Code == "D-15")).Title);
        File.Delete(csv);
    }

    [Theory]
    [InlineData(1, 4, "2024-12-31", 25)]
    [InlineData(4, 4, "2024-12-31", 100)]
    [InlineData(3, 3, "2024-09-30", 75)]
    [InlineData(1, 3, "2024-12-31", 33)]
    [InlineData(2, 3, "2024-12-31", 67)]
    [InlineData(1, 1, "2024-12-31", 100)]
    [InlineData(1, 1, "2024-06-28", 50)]
    public void Default_milestone_percent_counts_the_deadline_as_a_step_when_the_last_milestone_is_earlier(
        int k, int count, string lastMilestone, int expected) =>
        Assert.Equal(expected, ExpectedPercents.Default(k, count, DateOnly.Parse(lastMilestone, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2024, 12, 31)));

    private static List<int> Percents(PlanTask task) => task.Milestones.OrderBy(m => m.Date).Select(m => m.ExpectedPercent).ToList();

    private static Dictionary<string, object?> Row(string code, string list, string title, string owner, string deadline, string milestones, string targetValue, string targetUnit) => new()
    {
        ["code"] = code,
        ["list"] = list,
        ["title"] = title,
        ["owner"] = owner,
        ["deadline"] = deadline,
        ["milestones"] = milestones,
        ["target_value"] = targetValue.Length == 0 ? null : double.Parse(targetValue, System.Globalization.CultureInfo.InvariantCulture),
        ["target_unit"] = targetUnit,
    };
}
