using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
public sealed class MonthlyReportJob(
    OverdueReportService reports, JobTiming timing, IOptions<ReportOptions> options, OutboxSignal outbox, ILogger<MonthlyReportJob> logger) : IJob
{
    public static readonly JobKey Key = new("monthly-report", "planbot");

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
            logger.LogError(e, "Monthly report failed; the next fire retries it");
        }
    }

    /// <summary>One fire: when the configured occurrence is due now (its time reached, on a working day if so configured), hands its day to the service; returns the messages queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct) =>
        timing.DueOccurrence(options.Value.Cron, options.Value.WorkingDaysOnly, JobPeriod.Month) is { } occurrence
            ? await reports.SendScheduledAsync(timing.LocalDate(occurrence), ct)
            : 0;
}
