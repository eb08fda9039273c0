using Microsoft.Extensions.Logging;
using PlanBot.Outbox;
using PlanBot.Reports;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Fires at PlanBot:Report:Cron (default 09:00 daily) and once at start-up. On the first working day of a month (or the
/// first day the bot runs after it) it sends the previous month's overdue report. Re-running is harmless: the month
/// sent is recorded with the outbox rows, and the report itself is stored once per month.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyReportJob(OverdueReportService reports, OutboxSignal outbox, ILogger<MonthlyReportJob> logger) : IJob
{
    public static readonly JobKey Key = new("monthly-report", "planbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await reports.RunScheduledAsync(cancellationToken) > 0)
            {
                outbox.Pulse();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Monthly report failed; the next fire retries it");
        }
    }
}
