using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Cli;

/// <summary>report digest, report overdue and export through the real entry point, on the seeded 2024 plan.</summary>
public sealed class ReportVerbTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"planbot-cli-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
        _cli = new CliRunner(_database);
        // Monday 2024-12-02 10:00 in Shanghai: November has ended; K-03 was due Oct 31, H-01, H-04 and H-05 Nov 29.
        _cli.Time.SetUtcNow(new DateTimeOffset(2024, 12, 2, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await _cli.RunAsync("tasks", "list")).ExitCode); // seeds the plan and roster
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Report_overdue_prints_the_summary_and_writes_the_workbook_and_chart()
    {
        await RecordAsync("H-05", UpdateKind.Done, "2024-11-20 15:00", percent: 100, note: null);
        await RecordAsync("H-01", UpdateKind.Progress, "2024-11-25 09:30", percent: 60, note: "完成初稿");
        var xlsx = Path.Combine(_folder, "overdue.xlsx");
        var png = Path.Combine(_folder, "overdue.png");

        var result = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--out", xlsx, "--chart", png);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Out.Split('\n');
        Assert.Equal("📊 2024年11月逾期及滞后情况月报", lines[0]);
        // Nobody reported progress on the seed plan, so every task still open and not past its deadline is behind its
        // first milestone (3月29日, 25 %).
        Assert.Equal("截至月末,28 项任务中逾期 3 项、节点滞后 24 项。", lines[1]);
        Assert.Equal(["一、逾期任务(已过截止日期)3 项", "区发改局投资科(2 项)", "· K-03 “标准地”项目履约清理"], lines[3..6]);
        Assert.Equal("   逾期 21 个工作日(截止 10月31日) · 进度 0% · 投资科负责人、产业科负责人 · 从未更新", lines[6]);
        Assert.Contains("二、节点滞后任务(节点未达到应有进度)24 项", lines);
        Assert.DoesNotContain("<b>", result.Out, StringComparison.Ordinal);
        Assert.Contains($"workbook: {xlsx}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"chart: {png}", result.Out, StringComparison.Ordinal);

        var rows = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "逾期任务", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["K-03", "H-04", "H-01"], rows.Select(r => r["编号"]?.ToString()));
        Assert.Equal(("区发改局投资科", new DateTime(2024, 10, 31), 21d), (rows[0]["牵头单位"]?.ToString(), rows[0]["月末截止"], rows[0]["逾期工作日"]));
        Assert.Equal((60d, "完成初稿", "资环科负责人"), (rows[2]["月末进度%"], rows[2]["更新内容"]?.ToString(), rows[2]["更新人"]?.ToString()));
        var image = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Take(4));
    }

    [Fact]
    public async Task Report_overdue_in_english_and_again_prints_the_stored_report()
    {
        var english = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--lang", "en");
        var again = await _cli.RunAsync("report", "overdue", "--month=2024-11", "--lang=en");

        Assert.Equal(0, english.ExitCode);
        Assert.StartsWith("📊 Overdue and lagging report · November 2024\nAt the end of the month, of 28 tasks: 4 overdue, 24 behind a milestone.", english.Out, StringComparison.Ordinal);
        Assert.Equal(english.Out, again.Out);
        await using var db = _database.CreateContext();
        Assert.Equal("2024-11", (await db.StoredReports.SingleAsync()).Month);
    }

    [Fact]
    public async Task Report_overdue_in_English_writes_an_English_workbook_and_chart()
    {
        var chineseXlsx = Path.Combine(_folder, "overdue-zh.xlsx");
        var chinesePng = Path.Combine(_folder, "overdue-zh.png");
        var englishXlsx = Path.Combine(_folder, "overdue-en.xlsx");
        var englishPng = Path.Combine(_folder, "overdue-en.png");

        var chinese = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--out", chineseXlsx, "--chart", chinesePng);
        var english = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--out", englishXlsx, "--chart", englishPng, "--lang", "en");

        Assert.Equal((0, 0), (chinese.ExitCode, english.ExitCode));
        using var workbook = new WorkbookFile(await File.ReadAllBytesAsync(englishXlsx));
        Assert.Empty(workbook.SchemaErrors);
        Assert.Equal(["Summary", "Overdue", "Behind a milestone", "Far behind", "Lights"], workbook.SheetNames);
        Assert.Equal("Overdue and lagging report · November 2024 · Overdue", workbook.Text("Overdue", "A1"));
        var rows = MiniExcel.Query(englishXlsx, useHeaderRow: true, sheetName: "Overdue", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(
            ["Lead unit", "Code", "List", "Task", "Owners", "Original deadline", "Deadline at month end", "Deadline now", "Working days overdue",
                "Progress at month end %", "Last update", "Updated by", "Update"],
            rows[0].Keys);
        Assert.Equal(("K-03", "Key work"), (rows[0]["Code"]?.ToString(), rows[0]["List"]?.ToString()));
        var lights = MiniExcel.Query(englishXlsx, useHeaderRow: true, sheetName: "Lights", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Key work", "Highlight work", "Difficult work"], lights.Select(r => r["List"]?.ToString()));
        Assert.Equal("Red (overdue, behind a milestone or far behind)", lights[0].Keys.ElementAt(1));
        var summary = MiniExcel.Query(englishXlsx, useHeaderRow: true, sheetName: "Summary", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("Total", summary[^1]["Lead unit"]?.ToString());
        // The same stored report in both languages: the Chinese files are the Chinese ones, the English chart is another picture.
        using var chineseWorkbook = new WorkbookFile(await File.ReadAllBytesAsync(chineseXlsx));
        Assert.Equal("2024年11月逾期及滞后情况月报 · 逾期任务", chineseWorkbook.Text("逾期任务", "A1"));
        Assert.NotEqual(await File.ReadAllBytesAsync(chinesePng), await File.ReadAllBytesAsync(englishPng));
        await using var db = _database.CreateContext();
        var stored = await db.StoredReports.SingleAsync();
        Assert.Equal(stored.PngEn, await File.ReadAllBytesAsync(englishPng));
    }

    [Fact]
    public async Task Report_overdue_ranks_the_lead_units_by_results_only_with_RankUnits()
    {
        await RecordAsync("H-05", UpdateKind.Done, "2024-11-20 15:00", percent: 100, note: null);
        var xlsx = Path.Combine(_folder, "ranked.xlsx");

        var plain = await _cli.RunAsync("report", "overdue", "--month", "2024-11");
        var ranked = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--out", xlsx, "--PlanBot:Report:RankUnits=true");

        Assert.Equal((0, 0), (plain.ExitCode, ranked.ExitCode));
        Assert.DoesNotContain("排名", plain.Out, StringComparison.Ordinal);
        // The stored summary as it was, then the ranking.
        Assert.StartsWith(plain.Out + "\n2024年11月牵头单位排名(按结果)\n按红灯率", ranked.Out, StringComparison.Ordinal);
        // 审批科's one task was done on time; every other unit's tasks were all red, in October as in November.
        Assert.Contains("\n1. 区发改局审批科(持平) 1 项:按期完成 1 · 🔴0 🟡0 🟢0 ✅1 · 欠序时进度 0\n", ranked.Out, StringComparison.Ordinal);
        Assert.Contains("\n2. 区发改局产业科(↓1) 2 项:按期完成 0 · 🔴2 🟡0 🟢0 ✅0 · 欠序时进度 2\n", ranked.Out, StringComparison.Ordinal);
        Assert.EndsWith($"workbook: {xlsx}\n", ranked.Out, StringComparison.Ordinal);
        using var workbook = new WorkbookFile(await File.ReadAllBytesAsync(xlsx));
        Assert.Equal(["汇总", "逾期任务", "节点滞后任务", "严重滞后任务", "亮灯", "单位排名"], workbook.SheetNames);
        Assert.Equal("区发改局审批科", workbook.Text("单位排名", "C3"));
    }

    [Theory]
    [InlineData("report overdue --month 2024-12", "report overdue: 2024-12 has not ended yet (today is 2024-12-02); its report can be made from 2025-01-01")]
    [InlineData("report overdue --month 2024-13", "report overdue: --month '2024-13' is not a month (YYYY-MM)")]
    [InlineData("report overdue --month 2023-12", "report overdue: no plan task had started by the end of 2023-12")]
    [InlineData("report overdue", "report overdue: --month YYYY-MM is required (usage: report overdue --month YYYY-MM [--out file.xlsx] [--chart file.png] [--lang zh|en])")]
    [InlineData("report overdue --month 2024-11 --out overdue.csv", "report overdue: --out 'overdue.csv' must name a .xlsx file")]
    [InlineData("report overdue --month 2024-11 --lang fr", "report overdue: --lang 'fr' is not a language (zh or en)")]
    [InlineData("report digest --as-of 2024-02-30", "report digest: --as-of '2024-02-30' is not a date (YYYY-MM-DD)")]
    [InlineData("report digest --lang=", "report digest: --lang '' is not a language (zh or en)")]
    [InlineData("export", "export: --out plan.xlsx is required (usage: export --out plan.xlsx [--format workbook|progress-table] [--month YYYY-MM])")]
    [InlineData("export --out plan.xlsx --format pdf", "export: --format 'pdf' is not a format (workbook or progress-table)")]
    [InlineData("export --out plan.xlsx --month 2024-11", "export: --month goes with --format progress-table (the workbook is always as of today)")]
    [InlineData("export --out plan.xlsx --format progress-table --month 2024-12", "export: 2024-12 has not ended yet (today is 2024-12-02); its progress table can be made from 2025-01-01")]
    [InlineData("export --out plan.xlsx --format progress-table --month 11", "export: --month '11' is not a month (YYYY-MM)")]
    [InlineData("export --out plan.docx --format progress-table", "export: --out 'plan.docx' must name a .xlsx file")]
    public async Task Bad_arguments_exit_with_code_2_and_one_line_and_write_nothing(string args, string reason)
    {
        var result = await _cli.RunAsync(args.Split(' '));

        Assert.Equal((2, ""), (result.ExitCode, result.Out));
        Assert.Equal([reason], result.ErrorLines);
        await using var db = _database.CreateContext();
        Assert.Empty(await db.StoredReports.ToListAsync());
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Output_into_a_missing_folder_is_refused_before_any_work()
    {
        var missing = Path.Combine(_folder, "no-such-folder", "plan.xlsx");

        var export = await _cli.RunAsync("export", "--out", missing);
        var report = await _cli.RunAsync("report", "overdue", "--month", "2024-11", "--chart", Path.Combine(_folder, "nope", "c.png"));

        Assert.Equal(2, export.ExitCode);
        Assert.Equal([$"export: --out '{missing}': the folder {Path.GetDirectoryName(missing)} does not exist"], export.ErrorLines);
        Assert.Equal(2, report.ExitCode);
        await using var db = _database.CreateContext();
        Assert.Empty(await db.StoredReports.ToListAsync());
    }

    [Fact]
    public async Task Report_digest_prints_plain_text_in_the_chosen_language()
    {
        await using (var db = _database.CreateContext())
        {
            var k01 = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            k01.Title = "挖掘<房地产>潜力 & 盘活";
            await db.SaveChangesAsync();
        }

        await RecordAsync("K-01", UpdateKind.Progress, "2024-11-29 16:00", percent: 80, note: null);

        var chinese = await _cli.RunAsync("report", "digest");
        var english = await _cli.RunAsync("report", "digest", "--lang", "en", "--as-of", "2024-11-29");

        Assert.Equal(0, chinese.ExitCode);
        Assert.StartsWith("📋 督查简报 · 12月2日\n统计期:11月25日 – 12月2日\n\n重点工作 8 项:", chinese.Out, StringComparison.Ordinal);
        Assert.Contains("K-01 挖掘<房地产>潜力 & 盘活 — 80% · 投资科负责人", chinese.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", chinese.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", chinese.Out, StringComparison.Ordinal);
        Assert.Equal(0, english.ExitCode);
        Assert.StartsWith("📋 Digest · Nov 29", english.Out, StringComparison.Ordinal);
        Assert.Contains("Key work 8:", english.Out, StringComparison.Ordinal);
        Assert.Equal(["note: lights for 2024-11-29 are computed from today's progress"], english.ErrorLines);
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Outbox.ToListAsync()); // printed, not sent
    }

    [Fact]
    public async Task Export_writes_every_task_and_the_history()
    {
        await RecordAsync("H-01", UpdateKind.Progress, "2024-11-25 09:30", percent: 60, note: "完成初稿");
        var path = Path.Combine(_folder, "plan.xlsx");

        var result = await _cli.RunAsync("export", "--out", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"exported 28 tasks and 1 history entries to {path}\n", result.Out);
        Assert.Equal([PlanExporter.TasksSheet, PlanExporter.HistorySheet, PlanExporter.NoticesSheet], MiniExcel.GetSheetNames(path));
        var tasks = MiniExcel.Query(path, useHeaderRow: true, sheetName: PlanExporter.TasksSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(28, tasks.Count);
        Assert.Equal([8, 6, 14], WorkLists.All.Select(l => tasks.Count(t => t["清单"]?.ToString() == l.ChineseName())));
        var h01 = tasks.Single(t => t["编号"]?.ToString() == "H-01");
        Assert.Equal((60d, "资环科负责人", new DateTime(2024, 11, 29)), (h01["进度%"], h01["责任人"]?.ToString(), h01["截止"]));
        Assert.Equal("🔴 逾期 1 个工作日(截止 11月29日)", h01["亮灯"]?.ToString());
        var history = Assert.Single(MiniExcel.Query(path, useHeaderRow: true, sheetName: PlanExporter.HistorySheet).Cast<IDictionary<string, object>>());
        Assert.Equal(("H-01", new DateTime(2024, 11, 25, 9, 30, 0), "完成初稿"), (history["编号"]?.ToString(), history["时间"], history["说明"]?.ToString()));
        // Status, history kind and channel in words a clerk reads, not the code's names (Open, Progress, Reply).
        Assert.Equal("进行中", h01["状态"]?.ToString());
        Assert.Equal(("进度", "回复"), (history["类型"]?.ToString(), history["渠道"]?.ToString()));
    }

    [Fact]
    public async Task Export_progress_table_writes_the_public_table_by_list_in_plain_words()
    {
        await ProgressAsync();
        var path = Path.Combine(_folder, "进展情况.xlsx");

        var result = await _cli.RunAsync("export", "--out", path, "--format", "progress-table");

        Assert.Equal(("", 0), (result.Error, result.ExitCode));
        Assert.Equal($"exported the progress table of 28 tasks as of 2024-12-02 to {path}\n", result.Out);
        using var workbook = new WorkbookFile(await File.ReadAllBytesAsync(path));
        Assert.Empty(workbook.SchemaErrors);
        Assert.Equal([ProgressTable.SheetName], workbook.SheetNames);
        string Cell(string reference) => workbook.Text(ProgressTable.SheetName, reference);
        string[] Cells(params string[] references) => [.. references.Select(Cell)];
        Assert.Equal("杭州市临安区发展和改革局2024年“三张清单”工作进展情况表(截至2024年12月2日)", Cell("A1"));
        Assert.Equal(["序号", "年度目标任务", "进展情况", "责任单位"], Cells("A2", "B2", "C2", "D2"));
        // A heading row across the table for each list, numbered anew under each.
        Assert.Equal(["A1:D1", "A3:D3", "A12:D12", "A19:D19"], workbook.MergedRanges(ProgressTable.SheetName));
        Assert.Equal(["一、重点工作(8项)", "二、亮点工作(6项)", "三、难点工作(14项)"], Cells("A3", "A12", "A19"));
        Assert.Equal(["1", "挖掘房地产潜力", "完成进度45%。用地指标已落实。", "区发改局投资科、区住建局"], Cells("A4", "B4", "C4", "D4"));
        Assert.Equal(["2", "强化制造业投资支撑", "尚未报送进展。", "区发改局产业科、区发改局投资科"], Cells("A5", "B5", "C5", "D5"));
        Assert.Equal(["5", "完善投资项目全生命周期“数字看板”", "已完成。看板已上线!"], Cells("A17", "B17", "C17"));
        Assert.Equal(
            ["2", "技术工人提能增薪行动:新增技能人才(目标:10000名)", "完成进度52%(5200/10000名)。累计新增技能人才5200名。", "区人力社保局、区发改局社会发展科"],
            Cells("A21", "B21", "C21", "D21"));
        Assert.Equal("14", Cell("A33"));
        // Public words only: no task codes, lights or status names from the code.
        var text = string.Join("\n", workbook.Sheet(ProgressTable.SheetName).Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText));
        Assert.DoesNotMatch(@"[KHD]-\d\d|🔴|🟡|🟢|Open|Blocked|Done", text);
    }

    [Fact]
    public async Task Export_progress_table_for_a_month_states_the_progress_at_its_end()
    {
        await ProgressAsync();
        var path = Path.Combine(_folder, "progress-2024-11.xlsx");

        var result = await _cli.RunAsync("export", "--out", path, "--format", "progress-table", "--month", "2024-11");

        Assert.Equal(("", 0), (result.Error, result.ExitCode));
        Assert.Equal($"exported the progress table of 28 tasks as of 2024-11-30 to {path}\n", result.Out);
        using var workbook = new WorkbookFile(await File.ReadAllBytesAsync(path));
        string Cell(string reference) => workbook.Text(ProgressTable.SheetName, reference);
        Assert.Equal("杭州市临安区发展和改革局2024年“三张清单”工作进展情况表(截至2024年11月30日)", Cell("A1"));
        // Blocked at the end of November; the progress of December 1st is not in it.
        Assert.Equal("完成进度30%。遇到困难:土地报批未获批复。", Cell("C4"));
        Assert.Equal("已完成。看板已上线!", Cell("C17"));
        Assert.Equal("完成进度52%(5200/10000名)。累计新增技能人才5200名。", Cell("C21"));

        var october = await _cli.RunAsync("export", "--out", path, "--format", "progress-table", "--month", "2024-10");
        Assert.Equal(0, october.ExitCode);
        using var earlier = new WorkbookFile(await File.ReadAllBytesAsync(path));
        Assert.Equal(("尚未报送进展。", "尚未报送进展。"), (earlier.Text(ProgressTable.SheetName, "C4"), earlier.Text(ProgressTable.SheetName, "C17")));
    }

    /// <summary>K-01 reports progress and is blocked in November and goes on in December; D-02 reports a value; H-05 is done.</summary>
    private async Task ProgressAsync()
    {
        await RecordAsync("K-01", UpdateKind.Progress, "2024-11-10 10:00", percent: 30, note: "已完成选址");
        await RecordAsync("K-01", UpdateKind.Blocked, "2024-11-28 10:00", percent: null, note: "土地报批未获批复");
        await RecordAsync("K-01", UpdateKind.Progress, "2024-12-01 10:00", percent: 45, note: "用地指标已落实");
        await RecordAsync("D-02", UpdateKind.Progress, "2024-11-25 10:00", percent: 52, note: "累计新增技能人才5200名", value: 5200);
        await RecordAsync("H-05", UpdateKind.Done, "2024-11-20 15:00", percent: 100, note: "看板已上线!");
    }

    [Fact]
    public async Task An_export_imports_back_as_it_is_and_changes_nothing()
    {
        await RecordAsync("H-01", UpdateKind.Progress, "2024-11-25 09:30", percent: 60, note: "完成初稿");
        Assert.Equal(0, (await _cli.RunAsync("tasks", "set-deadline", "K-04", "2025-01-31")).ExitCode);
        var path = Path.Combine(_folder, "plan.xlsx");
        Assert.Equal(0, (await _cli.RunAsync("export", "--out", path)).ExitCode);
        var before = await SnapshotAsync();

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.Equal("", result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("plan 2024 杭州市临安区发展和改革局: created 0, updated 0, unchanged 28\n", result.Out);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Importing_a_file_that_is_not_a_workbook_says_so_in_words()
    {
        var path = Path.Combine(_folder, "plan.xlsx");
        await File.WriteAllTextAsync(path, "code,list,title,owner,deadline\nK-01,key,任务,投资科负责人,2024-12-31\n");

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [$"{path}: this file is not an Excel workbook (.xlsx) and cannot be read as one; open it in Excel and save it as .xlsx (Excel 工作簿), or as .csv"],
            result.ErrorLines);
    }

    /// <summary>Every task's plan fields and the history, as text, to compare before and after an import.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.CoOwners).Include(t => t.Milestones).OrderBy(t => t.Code).ToListAsync();
        var history = await db.ProgressUpdates.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        return string.Join("\n", tasks.Select(t => string.Join("|",
                   t.Code, t.List, t.Title, t.Section, t.Item, t.Detail, t.LeadUnit, t.OwnerId,
                   string.Join(",", t.CoOwners.Select(c => c.MemberId).Order()), t.StartDate, t.Deadline, t.OriginalDeadline,
                   string.Join(",", t.Milestones.OrderBy(m => m.Date).Select(m => $"{m.Date} {m.ExpectedPercent} {m.Title}")),
                   t.TargetValue, t.TargetUnit, t.TargetLabel, t.IsDefaultSchedule, t.Status, t.ProgressPercent)))
               + "\n" + string.Join("\n", history.Select(h => $"{h.Id} {h.TaskId} {h.Kind} {h.Channel}"));
    }

    /// <summary>An owner's update as the chat records it: a history entry and the task's current state.</summary>
    private async Task RecordAsync(string code, UpdateKind kind, string localTime, int? percent, string? note, decimal? value = null)
    {
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.Owner).SingleAsync(t => t.Code == code);
        var at = new DateTimeOffset(DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(8)).UtcDateTime;
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = task.Id,
            MemberId = task.OwnerId,
            AtUtc = at,
            Kind = kind,
            Percent = percent,
            Value = value,
            Note = note,
            Channel = UpdateChannel.Reply,
        });
        task.ProgressPercent = percent ?? task.ProgressPercent;
        task.CurrentValue = value ?? task.CurrentValue;
        task.LastUpdateAtUtc = at;
        task.Status = kind switch
        {
            UpdateKind.Done => PlanTaskStatus.Done,
            UpdateKind.Blocked => PlanTaskStatus.Blocked,
            UpdateKind.Progress => PlanTaskStatus.Open,
            _ => task.Status,
        };
        task.BlockedReason = kind == UpdateKind.Blocked ? note : kind == UpdateKind.Progress ? null : task.BlockedReason;
        if (kind == UpdateKind.Done)
        {
            task.DoneAtUtc = at;
        }

        await db.SaveChangesAsync();
    }
}
