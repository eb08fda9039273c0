using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Import;
using PlanBot.Outbox;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.Support;
using Quartz;

namespace PlanBot.Tests.Scheduling;

/// <summary>The real Quartz scheduler, hosted as in the app, driven by the fake clock.</summary>
public sealed class SchedulerHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reminder_job_fires_at_nine_on_the_simulated_clock_and_sends_on_a_make_up_Sunday()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-02-04 08:59");
        var owner = await world.MemberAsync("投资科负责人");
        await world.TaskAsync("K-01", "2024-02-05", owner, start: "2024-01-20", lastUpdate: "2024-02-01 10:00");
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);

        await runs.NextAsync(ReminderScanJob.Key); // the start-up run, before 09:00: not due yet
        Assert.Empty(await world.OutboxAsync());

        world.SetNow("2024-02-04 09:00");
        await runs.NextAsync(ReminderScanJob.Key);

        var reminder = Assert.Single(await world.OutboxAsync());
        Assert.Equal(owner.ChatId, reminder.ChatId);
        Assert.Contains("1 天后截止", reminder.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Reminder_job_sends_nothing_on_National_Day_and_catches_up_on_the_next_working_day()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-01 08:59");
        var owner = await world.MemberAsync("产业科负责人");
        await world.TaskAsync("K-02", "2024-10-02", owner, start: "2024-09-01", lastUpdate: "2024-09-30 10:00");
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);
        await runs.NextAsync(ReminderScanJob.Key);

        world.SetNow("2024-10-01 09:00");
        await runs.NextAsync(ReminderScanJob.Key);
        Assert.Empty(await world.OutboxAsync());

        world.SetNow("2024-10-08 09:00");
        await runs.NextAsync(ReminderScanJob.Key);

        var reminder = Assert.Single(await world.OutboxAsync());
        Assert.Contains("逾期 1 个工作日(截止 10月2日)", reminder.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_up_run_after_downtime_catches_up_a_scan_missed_earlier_today()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-21 17:00");
        var owner = await world.MemberAsync("综合科负责人");
        await world.TaskAsync("K-03", "2024-11-29", owner, start: "2024-11-20");
        var runs = new JobRuns();
        using (var before = await StartAsync(world, runs))
        {
            await runs.EachAsync(JobRuns.AllJobs);
            await before.StopAsync();
        }

        // Down overnight, past Friday's 09:00 scan, which owed the 7-days-before reminder.
        world.SetNow("2024-11-22 11:30");
        using var host = await StartAsync(world, runs);

        await runs.NextAsync(ReminderScanJob.Key);

        Assert.Contains("7 天后截止", Assert.Single(await world.OutboxAsync()).Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_first_start_after_nine_catches_up_nothing_and_the_next_scans_run_as_usual()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-22 11:30");
        var owner = await world.MemberAsync("综合科负责人");
        await world.TaskAsync("K-03", "2024-11-29", owner, start: "2024-11-20");
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);

        // The 7-days-before reminder fell due at 09:00 today, before the bot ever ran: nothing was missed.
        await runs.EachAsync(JobRuns.AllJobs);
        Assert.Empty(await world.OutboxAsync());
        world.SetNow("2024-11-25 09:00");
        await runs.NextAsync(ReminderScanJob.Key);
        Assert.Empty(await world.OutboxAsync());

        world.SetNow("2024-11-26 09:00");
        await runs.NextAsync(ReminderScanJob.Key);

        Assert.Contains("3 天后截止", Assert.Single(await world.OutboxAsync()).Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_first_start_on_a_Wednesday_after_the_report_day_sends_neither_that_weeks_digest_nor_last_months_report()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-07-10 10:00");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        var owner = await world.MemberAsync("投资科负责人");
        await world.TaskAsync("K-01", "2024-06-20", owner, start: "2024-01-02", lastUpdate: "2024-07-09 10:00");
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);

        await runs.EachAsync(JobRuns.AllJobs);
        Assert.Empty(await world.OutboxAsync());

        // The next Monday's digest is the first one due after the first start.
        world.SetNow("2024-07-15 08:30");
        await runs.NextAsync(DigestJob.Key);

        var digest = Assert.Single(await world.OutboxAsync());
        Assert.Equal(supervisor.ChatId, digest.ChatId);
        Assert.Contains("督查简报", digest.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task After_downtime_the_start_up_runs_send_the_scan_the_digest_and_the_report_that_fell_due_meanwhile()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-06-28 10:00");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        var owner = await world.MemberAsync("投资科负责人");
        await world.TaskAsync("K-01", "2024-06-20", owner, start: "2024-01-02", lastUpdate: "2024-06-27 10:00");
        var runs = new JobRuns();
        using (var before = await StartAsync(world, runs))
        {
            await runs.EachAsync(JobRuns.AllJobs);
            Assert.Empty(await world.OutboxAsync());
            await before.StopAsync();
        }

        // Down from Friday 28 June to Wednesday 10 July: June's report (1 July), this week's digest (Monday 8 July) and
        // today's scan all fell due while it was down.
        world.SetNow("2024-07-10 10:00");
        using var host = await StartAsync(world, runs);
        await runs.EachAsync(JobRuns.AllJobs);

        var outbox = await world.OutboxAsync();
        Assert.Contains(outbox, m => m.ChatId == owner.ChatId && m.Text.Contains("K-01", StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.ChatId == supervisor.ChatId && m.Text.Contains("红灯任务督办", StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.ChatId == supervisor.ChatId && m.Text.Contains("督查简报", StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.ChatId == supervisor.ChatId && m.AttachmentName == "overdue-2024-06.xlsx");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_first_start_on_a_holiday_Monday_still_gets_that_weeks_digest_on_its_first_working_day()
    {
        // Mid-Autumn Festival 2024: Monday 16 and Tuesday 17 September are days off; the digest moves to Wednesday.
        await using var world = await SchedulingWorld.CreateAsync("2024-09-16 10:00");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        // Due within the digest's 14 days: the digest has something to say.
        await world.TaskAsync("K-01", "2024-09-27", await world.MemberAsync("投资科负责人"), start: "2024-09-01", lastUpdate: "2024-09-13 10:00", percent: 90);
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);
        await runs.EachAsync(JobRuns.AllJobs);

        world.SetNow("2024-09-18 08:30");
        await runs.NextAsync(DigestJob.Key);

        var digest = Assert.Single(await world.OutboxAsync());
        Assert.Equal(supervisor.ChatId, digest.ChatId);
        Assert.Contains("督查简报", digest.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static async Task<IHost> StartAsync(SchedulingWorld world, JobRuns runs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{StorageSetup.ConnectionName}"] = world.Database.ConnectionString,
            ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
            [PlanBot.Supervision.NoticeOptions.Section + ":Enabled"] = world.Notices.Enabled ? "true" : "false",
        });
        builder.Services.AddSingleton<TimeProvider>(world.Time);
        builder.Services.AddSingleton<ITaskButtons, TestTaskButtons>();
        builder.Services
            .AddPlanClock()
            .AddPlanRules()
            .AddStorage(builder.Configuration, RunMode.Console)
            .AddImport()
            .AddOutbox()
            .AddReports()
            .AddScheduling(builder.Configuration, RunMode.Console);
        builder.Services.ConfigureAllQuartzSchedulers(q => q.AddJobListener(runs));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
