using System.Threading.Channels;
using Quartz;

namespace PlanBot.Tests.Scheduling;

/// <summary>A Quartz listener that hands each finished job run to the test, so it waits on runs instead of time.</summary>
public sealed class JobRuns : IJobListener
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The app's three jobs, which all run once at start-up.</summary>
    public static readonly JobKey[] AllJobs = [PlanBot.Scheduling.ReminderScanJob.Key, PlanBot.Scheduling.DigestJob.Key, PlanBot.Scheduling.MonthlyReportJob.Key];

    private readonly Channel<JobKey> _finished = Channel.CreateUnbounded<JobKey>();

    public string Name => "test-job-runs";

    /// <summary>Waits for the next finished run of <paramref name="key"/>, passing over runs of other jobs.</summary>
    public async Task NextAsync(JobKey key)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await _finished.Reader.ReadAsync(timeout.Token) != key)
        {
        }
    }

    /// <summary>Waits until each of <paramref name="keys"/> has finished a run (e.g. the start-up runs of every job).</summary>
    public async Task EachAsync(params JobKey[] keys)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var waiting = keys.ToHashSet();
        while (waiting.Count > 0)
        {
            waiting.Remove(await _finished.Reader.ReadAsync(timeout.Token));
        }
    }

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
        _finished.Writer.WriteAsync(context.JobDetail.Key, cancellationToken);
}
