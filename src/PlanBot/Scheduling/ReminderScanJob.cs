using Microsoft.Extensions.Logging;
using PlanBot.Outbox;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Fires at PlanBot:Reminders:Cron (default 09:00 daily, plan time zone), at the same time every day when that cron skips
/// days, and once at start-up. The scanner runs only on working days at or after the configured time, so a start-up
/// fire catches up a scan missed while the bot was down. Re-running is harmless: every reminder has a unique key in
/// the database, written with its outbox row, so nothing is sent twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderScanJob(ReminderScanner scanner, OutboxSignal outbox, ILogger<ReminderScanJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminder-scan", "planbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await scanner.RunScheduledAsync(cancellationToken) != ReminderScanResult.Nothing)
            {
                outbox.Pulse();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Reminder scan failed; the next fire retries it");
        }
    }
}
