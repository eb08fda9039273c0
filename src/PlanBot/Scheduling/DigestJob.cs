using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Outbox;
using PlanBot.Reports;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Fires at PlanBot:Digest:Cron (default Monday 08:30), every day at that time, and once at start-up. The digest goes
/// out on the first of these fires that is a working day in the occurrence's ISO week, so a holiday Monday moves it to
/// the next working day. Re-running is harmless: the week sent is recorded with the outbox rows, and a week is sent once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(
    DigestService digests, JobTiming timing, IOptions<DigestOptions> options, OutboxSignal outbox, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "planbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await RunAsync(cancellationToken) > 0)
            {
                outbox.Pulse();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Digest failed; the next fire retries it");
        }
    }

    /// <summary>One fire: when the configured occurrence is due now (its time reached, on a working day if so configured), hands its day to the service; returns the messages queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct) =>
        timing.DueOccurrence(options.Value.Cron, options.Value.WorkingDaysOnly, JobPeriod.IsoWeek) is { } occurrence
            ? await digests.SendScheduledAsync(timing.LocalDate(occurrence), ct)
            : 0;
}
