using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Outbox;

namespace PlanBot.Scheduling;

/// <summary>
/// /remind: the reminder scan now, whatever the day. It runs in its own scope and saves its reminders in its own
/// transaction, as the job does, so what it queues is sent (once) whether or not the admin's answer is saved.
/// </summary>
public sealed class ReminderTrigger(IServiceScopeFactory scopes, OutboxSignal outbox) : IReminderTrigger
{
    /// <returns>
    /// Owner reminders plus supervisor escalations queued by this scan (0 when everything due today was sent already),
    /// and the owners and supervisors they went to, each in one message.
    /// </returns>
    public async Task<ReminderRun> RunNowAsync(CancellationToken ct)
    {
        ReminderScanResult result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(ct);
        }

        outbox.Pulse();
        return new ReminderRun(result.Reminders + result.Escalations, result.OwnersReminded + result.SupervisorsAlerted);
    }
}
