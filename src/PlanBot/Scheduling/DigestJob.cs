using Microsoft.Extensions.Logging;
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
public sealed class DigestJob(DigestService digests, OutboxSignal outbox, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "planbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await digests.RunScheduledAsync(cancellationToken) > 0)
            {
                outbox.Pulse();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Digest failed; the next fire retries it");
        }
    }
}
