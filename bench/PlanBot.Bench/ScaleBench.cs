using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBotBench;

/// <summary>
/// Figure 3a: the digest and the monthly overdue report on a big plan. The database is seeded once (tasks through EF,
/// progress history with raw SQL in one transaction); each measurement then runs in a fresh process of this program
/// (<c>scale-child</c>), so its peak resident set (VmHWM) is that measurement's alone. Times are a Stopwatch median of
/// warm runs, each on a new DbContext, after one cold run reported on its own.
/// </summary>
public static class ScaleBench
{
    private const int Runs = 7;

    public static async Task RunAsync(bool quick)
    {
        var taskCount = quick ? 500 : 10_000;
        var updateCount = quick ? 50_000 : 1_000_000;
        Console.WriteLine();
        Console.WriteLine($"## 3a. Scale: {taskCount:N0} tasks, {updateCount:N0} progress updates — digest and monthly report");
        using var database = new TempDatabase();
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database.ConnectionString, taskCount, updateCount);
        Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:F1} s ({new FileInfo(database.Path).Length / 1024 / 1024} MB)");

        foreach (var what in new[] { "digest", "report" })
        {
            var output = await RunChildAsync(database.Path, what);
            Console.WriteLine(output);
        }
    }

    /// <summary>In the child process: builds <paramref name="what"/> on the database and prints times and peak memory.</summary>
    public static async Task<int> ChildAsync(string databasePath, string what, int runs)
    {
        var options = new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString())
            .AddInterceptors(new SqliteBusyTimeout())
            .Options;
        var clock = new PlanClock(TimeProvider.System, Options.Create(new ClockOptions()));
        var lights = new TaskLights(
            WorkingDayCalendar.Load(Path.Combine(AppContext.BaseDirectory, "seeds", "holidays-cn.json")), Options.Create(new LightThresholds()));
        var digest = new DigestBuilder(clock, lights, Options.Create(new DigestOptions()));
        var report = new OverdueReportBuilder(clock, lights);
        var month = YearMonth.Of(clock.Today).Previous;

        var times = new List<double>();
        var size = "";
        var circularMs = 0.0;
        for (var i = 0; i < runs; i++)
        {
            await using var db = new PlanBotDbContext(options);
            var watch = Stopwatch.StartNew();
            if (what == "digest")
            {
                var model = await digest.BuildAsync(db, clock.Today);
                var text = DigestRenderer.Render(model, Languages.Chinese);
                size = $"{model.Updated.Count} updated, {model.Stale.Count} stale, {model.NewlyRed.Count} newly red; {text.Length} chars";
            }
            else
            {
                var built = await report.BuildAsync(db, month);
                var model = watch.Elapsed.TotalMilliseconds;
                // What OverdueReportService stores: both languages' summary, workbook and chart, and the circular.
                var plan = await db.Plans.AsNoTracking().FirstAsync();
                var files = await ReportRendering.RenderAsync(built, plan, new PlanBot.Reports.Circular.CircularOptions(), clock.Today, clock.ToLocalDate);
                var rendered = watch.Elapsed.TotalMilliseconds;
                if (i == runs - 1)
                {
                    // Where the files' time goes, once, after the timed run: the circular alone.
                    var circular = Stopwatch.StartNew();
                    _ = PlanBot.Reports.Circular.CircularDocument.Render(PlanBot.Reports.Circular.CircularWriter.Write(
                        built, plan, new PlanBot.Reports.Circular.CircularOptions(), month.Month, clock.Today, Languages.Chinese));
                    circularMs = circular.Elapsed.TotalMilliseconds;
                }

                size = $"{month}: {built.Overdue.Count} overdue, {built.BehindMilestone.Count} behind a milestone, {built.FarBehind.Count} far behind; "
                    + $"texts {files.Summary.Length}+{files.SummaryEn.Length} chars, xlsx {files.Xlsx.Length / 1024} KB, png {files.Png.Length / 1024} KB, docx {files.Docx.Length / 1024} KB; "
                    + $"last run: model {model:F0} ms, files {rendered - model:F0} ms (the circular alone, untimed run after it: {circularMs:F0} ms)";
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var warm = times.Skip(1).ToList();
        var median = Stats.Median(warm);
        var peak = Machine.ProcMegabytes("VmHWM");
        Console.WriteLine($"{what} ({size}): cold {times[0]:F0} ms, median of {warm.Count} warm runs {median:F0} ms "
            + $"(min {warm.Min():F0}, max {warm.Max():F0}); peak working set {peak:F0} MB");
        Console.WriteLine($"RESULT {what}: median {median:F0} ms (target ≤ 1000 ms: {(median <= 1000 ? "met" : "NOT met")}), "
            + $"peak {peak:F0} MB (target ≤ 300 MB: {(peak <= 300 ? "met" : "NOT met")})");
        return 0;
    }

    private static async Task<string> RunChildAsync(string databasePath, string what)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(ScaleBench).Assembly.Location, "scale-child", databasePath, what, Runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measuring process.");
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? (await output).TrimEnd() : $"{what} FAILED ({child.ExitCode}): {await output}{await error}";
    }

    private static async Task SeedAsync(string connectionString, int taskCount, int updateCount)
    {
        var options = new DbContextOptionsBuilder<PlanBotDbContext>().UseSqlite(connectionString).Options;
        var clock = new PlanClock(TimeProvider.System, Options.Create(new ClockOptions()));
        var today = clock.Today;
        var yearStart = new DateOnly(today.Year, 1, 1);
        var nowUtc = clock.UtcNow;
        var random = new Random(2024);
        List<(int TaskId, int OwnerId)> owned;
        await using (var db = new PlanBotDbContext(options))
        {
            await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);
            var plan = new Plan { Year = today.Year, Organisation = "基准测试局", ImportedAtUtc = nowUtc };
            var members = Enumerable.Range(0, 300).Select(i => new Member
            {
                Name = "责任人" + i.ToString("D3", CultureInfo.InvariantCulture),
                Unit = "单位" + (i % 40).ToString(CultureInfo.InvariantCulture),
                Roles = i < 10 ? MemberRoles.Owner | MemberRoles.Supervisor : MemberRoles.Owner,
                Contacts = { MemberContact.Telegram(500_000 + i) },
                ChatId = 500_000 + i,
                CreatedAtUtc = nowUtc,
            }).ToList();
            db.AddRange(members);
            for (var i = 0; i < taskCount; i++)
            {
                // Deadlines over the whole year: some long past (overdue unless done), some ahead.
                var deadline = yearStart.AddDays(random.Next(30, 365));
                var done = deadline < today && random.Next(3) > 0;
                var percent = done ? 100 : random.Next(0, 100);
                plan.Tasks.Add(new PlanTask
                {
                    Code = $"{"KHD"[i % 3]}-{(i / 3 + 1).ToString("D2", CultureInfo.InvariantCulture)}",
                    List = (WorkList)(i % 3),
                    Title = "推进第" + i.ToString(CultureInfo.InvariantCulture) + "项重点工作落实落地",
                    LeadUnit = members[i % members.Count].Unit,
                    Owner = members[i % members.Count],
                    StartDate = yearStart,
                    Deadline = deadline,
                    ProgressPercent = percent,
                    Status = done ? PlanTaskStatus.Done : PlanTaskStatus.Open,
                    DoneAtUtc = done ? clock.StartOfDayUtc(deadline.AddDays(-random.Next(0, 20))) : null,
                    LastUpdateAtUtc = nowUtc.AddDays(-random.Next(0, 40)),
                    CreatedAtUtc = nowUtc,
                });
            }

            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            owned = plan.Tasks.Select(t => (t.Id, t.OwnerId!.Value)).ToList();
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ProgressHistory (TaskId, MemberId, AtUtc, Kind, Percent, Note, Channel)
            VALUES ($task, $member, $at, 'Progress', $percent, $note, 'Command')
            """;
        var task = insert.Parameters.Add("$task", SqliteType.Integer);
        var member = insert.Parameters.Add("$member", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var percentParameter = insert.Parameters.Add("$percent", SqliteType.Integer);
        var note = insert.Parameters.Add("$note", SqliteType.Text);
        await insert.PrepareAsync();
        var span = (long)TimeSpan.FromDays(365).TotalSeconds;
        for (var i = 0; i < updateCount; i++)
        {
            var (taskId, ownerId) = owned[random.Next(owned.Count)];
            task.Value = taskId;
            member.Value = ownerId;
            at.Value = nowUtc.AddSeconds(-random.NextInt64(span));
            percentParameter.Value = random.Next(0, 100);
            note.Value = i % 4 == 0 ? "已完成阶段性工作,正在推进下一步" : DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
