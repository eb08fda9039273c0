using System.Threading.Channels;
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
    public async Task Start_up_run_catches_up_a_scan_missed_earlier_today()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-11-22 11:30");
        var owner = await world.MemberAsync("综合科负责人");
        await world.TaskAsync("K-03", "2024-11-29", owner, start: "2024-11-20");
        var runs = new JobRuns();
        using var host = await StartAsync(world, runs);

        await runs.NextAsync(ReminderScanJob.Key);

        Assert.Contains("7 天后截止", Assert.Single(await world.OutboxAsync()).Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static async Task<IHost> StartAsync(SchedulingWorld world, JobRuns runs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{StorageSetup.ConnectionName}"] = world.Database.ConnectionString,
            ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
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

    /// <summary>Hands each finished job run to the test, so it waits on runs instead of time.</summary>
    private sealed class JobRuns : IJobListener
    {
        private readonly Channel<JobKey> _finished = Channel.CreateUnbounded<JobKey>();

        public string Name => "test-job-runs";

        public async Task NextAsync(JobKey key)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (await _finished.Reader.ReadAsync(timeout.Token) != key)
            {
            }
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
            _finished.Writer.WriteAsync(context.JobDetail.Key, cancellationToken);
    }
}
