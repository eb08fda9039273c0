using Microsoft.Extensions.Logging;
using PlanBot.Outbox;
using PlanBot.Reports;
using PlanBot.Storage;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>
/// Fires every minute (and at start-up): the subscribed groups' live status messages are sent, or edited when a count
/// changed (<see cref="StatusBoard"/>). Re-running is harmless: an unchanged count, or one edited less than a minute
/// ago, queues nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StatusBoardJob(StatusBoard board, PlanBotDbContext db, OutboxSignal outbox, ILogger<StatusBoardJob> logger) : IJob
{
    public static readonly JobKey Key = new("status-board", "planbot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await board.RefreshAsync(db, cancellationToken) > 0)
            {
                outbox.Pulse();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Status board refresh failed; the next fire retries it");
        }
    }
}
