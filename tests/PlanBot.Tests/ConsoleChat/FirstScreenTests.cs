using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Clock;
using PlanBot.Console;
using PlanBot.Import;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.Import;
using PlanBot.Tests.Scheduling;
using PlanBot.Tests.Support;
using Quartz;
using PlanBot.Plans;

namespace PlanBot.Tests.ConsoleChat;

/// <summary>
/// What `dotnet run` shows first: the real host without a bot token, with the scheduler on its clock, on the seed plan.
/// The first screen is the banner; a first start catches up nothing, a restart after downtime does.
/// </summary>
public sealed class FirstScreenTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A joined supervisor (on Telegram): everything scheduled would reach them, so nothing is lost by chance.</summary>
    private const long LeaderChat = 7001;

    private readonly string _files = Path.Combine(Path.GetTempPath(), $"planbot-first-screen-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_fresh_database_on_a_working_Wednesday_opens_on_the_banner_and_sends_nothing_before_the_user_types()
    {
        // Wednesday 3 December 2025, 10:00: past Monday's digest, the 1st's monthly report and today's 09:00 scan,
        // with every task of the 2024 plan overdue.
        var time = new FakeTimeProvider(At("2025-12-03 10:00"));
        await using var database = await RosterWithAJoinedLeaderAsync(time);
        var (input, output, runs) = (new TypedLines(), new CapturedOutput(), new JobRuns());
        using var host = BuildHost(database, time, input, output, runs);
        await host.StartAsync();
        try
        {
            await runs.EachAsync(JobRuns.AllJobs);
            var screen = await WaitForAsync(output, "/quit");

            await using (var db = database.CreateContext())
            {
                Assert.Empty(await db.Outbox.ToListAsync());
            }

            Assert.StartsWith("PlanBot 控制台聊天", screen, StringComparison.Ordinal);
            Assert.Contains("计划:2024年 杭州市临安区发展和改革局,三张清单共 28 项", screen, StringComparison.Ordinal);
            Assert.Contains($"数据库:{database.Path}", screen, StringComparison.Ordinal);
            Assert.Contains("日期:2025年12月3日 星期三 10:00(Asia/Shanghai,本机时钟)", screen, StringComparison.Ordinal);
            Assert.Contains("本数据库首次启动", screen, StringComparison.Ordinal);
            Assert.Contains("您是:控制台管理员(管理员、督查人员)", screen, StringComparison.Ordinal);
            Assert.Contains("/help", screen, StringComparison.Ordinal);
            Assert.Contains($"运行日志写入 {Path.ChangeExtension(database.Path, ".log")}", screen, StringComparison.Ordinal);
            Assert.Contains("dotnet run --project src/PlanBot -- --PlanBot:Clock:StartAt=2024-07-01T08:58+08:00", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("[1]", screen, StringComparison.Ordinal);

            input.Type("/whoami");
            var answered = await WaitForAsync(output, "[1]");

            Assert.Contains("[1] 👤 控制台管理员", answered, StringComparison.Ordinal);
            Assert.DoesNotContain("📋 督查简报", answered, StringComparison.Ordinal);
            Assert.DoesNotContain("红灯任务督办", answered, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task After_downtime_the_console_bot_prints_its_banner_and_then_what_fell_due_meanwhile()
    {
        var time = new FakeTimeProvider(At("2025-11-28 10:00"));
        await using var database = await RosterWithAJoinedLeaderAsync(time);
        var runs = new JobRuns();
        using (var before = BuildHost(database, time, new TypedLines(), new CapturedOutput(), runs))
        {
            await before.StartAsync();
            await runs.EachAsync(JobRuns.AllJobs);
            await before.StopAsync();
        }

        // Down from Friday 28 November to Wednesday 3 December: November's report (1 December), this week's digest
        // (Monday 1 December) and today's scan fell due while it was down.
        time.SetUtcNow(At("2025-12-03 10:00"));
        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new TypedLines(), output, runs);
        await host.StartAsync();
        try
        {
            await runs.EachAsync(JobRuns.AllJobs);
            var screen = await WaitForAsync(output, "overdue-2025-11.xlsx");
            screen = await WaitForAsync(output, "红灯任务督办");
            screen = await WaitForAsync(output, "📋 督查简报");

            Assert.StartsWith("PlanBot 控制台聊天", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("首次启动", screen, StringComparison.Ordinal);
            Assert.True(
                screen.IndexOf("/quit", StringComparison.Ordinal) < screen.IndexOf('[', StringComparison.Ordinal),
                $"A message was printed before the banner ended:\n{screen}");
            await using var db = database.CreateContext();
            Assert.Contains(await db.Outbox.Select(o => o.ChatId).ToListAsync(), chat => chat == LeaderChat);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_rehearsal_starts_calm_even_on_a_database_that_ran_before_and_its_schedule_runs_as_its_clock_moves_on()
    {
        var time = new FakeTimeProvider(At("2024-06-03 10:00"));
        await using var database = await RosterWithAJoinedLeaderAsync(time);
        var runs = new JobRuns();
        using (var before = BuildHost(database, time, new TypedLines(), new CapturedOutput(), runs))
        {
            await before.StartAsync();
            await runs.EachAsync(JobRuns.AllJobs);
            await before.StopAsync();
        }

        // A rehearsal from Monday 1 July 2024, 08:58: its own timeline, so Monday's 08:30 digest is not sent late.
        var startAt = At("2024-07-01 08:58");
        time.SetUtcNow(startAt);
        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new TypedLines(), output, runs,
            new Dictionary<string, string?> { ["PlanBot:Clock:StartAt"] = startAt.ToString("O", CultureInfo.InvariantCulture) });
        await host.StartAsync();
        try
        {
            await runs.EachAsync(JobRuns.AllJobs);
            var screen = await WaitForAsync(output, "/quit");

            Assert.Contains("日期:2024年7月1日 星期一 08:58(Asia/Shanghai,演练时钟", screen, StringComparison.Ordinal);
            Assert.Contains("演练从此刻开始", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("StartAt=", screen, StringComparison.Ordinal);
            await using (var db = database.CreateContext())
            {
                Assert.Empty(await db.Outbox.ToListAsync());
            }

            time.SetUtcNow(At("2024-07-01 09:00"));
            await runs.EachAsync(ReminderScanJob.Key, MonthlyReportJob.Key);

            // The scan's escalation and the report go out in the order they were written, which the two jobs do not fix.
            await WaitForAsync(output, "overdue-2024-06.xlsx");
            screen = await WaitForAsync(output, "红灯任务督办");
            Assert.DoesNotContain("📋 督查简报", screen, StringComparison.Ordinal);
            await using var check = database.CreateContext();
            Assert.Equal(At("2024-06-03 10:00"), DateTimeOffset.Parse(
                (await check.BotState.SingleAsync(s => s.Key == FirstStart.Setting)).Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_year_missing_from_the_holiday_calendar_is_named_on_the_first_screen()
    {
        // The calendar holds 2024–2026: in 2027 a holiday weekday would count as a working day.
        var time = new FakeTimeProvider(At("2027-03-03 10:00"));
        await using var database = await RosterWithAJoinedLeaderAsync(time);
        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new TypedLines(), output, new JobRuns());
        await host.StartAsync();
        try
        {
            var screen = await WaitForAsync(output, "/quit");

            Assert.Contains("⚠️ 节假日日历缺少 2027 年的放假安排", screen, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }
    }

    /// <summary>"2025-12-03 10:00" in Shanghai.</summary>
    private static DateTimeOffset At(string local) =>
        new(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    /// <summary>
    /// A database the bot never ran on, holding the sample roster (its 分管副局长 joined on Telegram); the bot's first
    /// start imports the seed plan.
    /// </summary>
    private static async Task<TestDatabase> RosterWithAJoinedLeaderAsync(TimeProvider time)
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await new RosterImporter(time).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
        var leader = await db.Members.SingleAsync(m => m.Name == "分管副局长");
        leader.Contacts.Add(MemberContact.Telegram(LeaderChat));
        leader.ChatId = LeaderChat;
        await db.SaveChangesAsync();
        return database;
    }

    private IHost BuildHost(
        TestDatabase database, FakeTimeProvider time, TextReader input, CapturedOutput output, JobRuns runs, IDictionary<string, string?>? settings = null) =>
        PlanBotHost.CreateBuilder([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:PlanBot"] = database.ConnectionString,
                ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
                ["Telegram:BotToken"] = "",
                ["Console:AttachmentsPath"] = _files,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(new ConsoleIO(input, output));
            builder.Services.ConfigureAllQuartzSchedulers(q => q.AddJobListener(runs));
        }).Build();

    private static async Task<string> WaitForAsync(CapturedOutput output, string expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!output.ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Console never printed \"{expected}\". It printed:\n{output}");
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return output.ToString();
    }
}
