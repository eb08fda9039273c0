using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Inbox;

/// <summary>
/// Applies stored updates one by one in update order, each through <see cref="IInboundHandler"/> (the one code path
/// that routes, enqueues replies, answers the button and saves), with the entry's "processed" mark saved in the same
/// transaction, so an update takes effect exactly once. A router failure is retried a few times, then the
/// entry is marked failed with its error and the queue moves on (a pressed button is still answered, so its
/// spinner stops).
/// </summary>
public sealed class InboxProcessor(
    IServiceScopeFactory scopes,
    IInboundHandler inbound,
    InboxSignal inboxSignal,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    public const int MaxAttempts = 3;

    /// <summary>Entries stored by another process (or a missed pulse) are noticed this late at worst.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var outcome = await ProcessPendingAsync(stoppingToken);
                if (outcome == Outcome.Idle)
                {
                    await inboxSignal.WaitAsync(PollInterval, time, stoppingToken);
                }
                else if (outcome == Outcome.Retry)
                {
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database failed (not the router, whose failures are recorded per entry): look again shortly.
                logger.LogError(e, "Inbox processor failed; retrying");
                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
    }

    private enum Outcome
    {
        Idle,
        Progressed,
        Retry,
    }

    private async Task<Outcome> ProcessPendingAsync(CancellationToken ct)
    {
        List<long> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            pending = await db.Inbox
                .Where(e => e.State == InboxState.Pending)
                .OrderBy(e => e.UpdateId)
                .Select(e => e.Id)
                .Take(100)
                .ToListAsync(ct);
        }

        foreach (var id in pending)
        {
            if (!await ProcessAsync(id, ct))
            {
                // Later updates wait for this one's retry, so a chat's updates are applied in order.
                return Outcome.Retry;
            }
        }

        return pending.Count == 0 ? Outcome.Idle : Outcome.Progressed;
    }

    /// <returns>False when the entry failed and will be retried.</returns>
    private async Task<bool> ProcessAsync(long entryId, CancellationToken ct)
    {
        InboundMessage? message = null;
        try
        {
            message = await ReadAsync(entryId, ct);
            await inbound.HandleAsync(message, (db, now, token) => ClaimAsync(db, entryId, now, token), ct);
            return true;
        }
        catch (InboxEntryTakenException)
        {
            // Another processor on this database applied it first; its effects stand and this attempt's are rolled back.
            logger.LogInformation("Update {UpdateId} was already processed by another worker", message?.UpdateId);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Update {UpdateId} ({Kind}) could not be processed", message?.UpdateId, message?.Kind);
            return await RecordFailureAsync(entryId, e, ct);
        }
    }

    /// <summary>
    /// Marks the entry processed with one conditional update in the transaction that saves its effects: when another
    /// processor got there first, nothing is updated and the whole transaction is abandoned, so no update applies twice.
    /// </summary>
    private static async Task ClaimAsync(PlanBotDbContext db, long entryId, DateTime nowUtc, CancellationToken ct)
    {
        var claimed = await db.Inbox
            .Where(e => e.Id == entryId && e.State == InboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, InboxState.Processed)
                .SetProperty(e => e.ProcessedAtUtc, (DateTime?)nowUtc)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.Error, (string?)null), ct);
        if (claimed == 0)
        {
            throw new InboxEntryTakenException();
        }
    }

    private sealed class InboxEntryTakenException : Exception;

    private async Task<InboundMessage> ReadAsync(long entryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        return (await db.Inbox.AsNoTracking().SingleAsync(e => e.Id == entryId, ct)).Message();
    }

    private async Task<bool> RecordFailureAsync(long entryId, Exception error, CancellationToken ct)
    {
        // A fresh scope: the failed one may hold half-made changes that must not be saved.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var entry = await db.Inbox.SingleAsync(e => e.Id == entryId, ct);
        if (entry.State != InboxState.Pending)
        {
            // Applied by another processor meanwhile: nothing failed that is still to do.
            return true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        entry.Attempts++;
        entry.Error = Describe(error);
        var givenUp = entry.Attempts >= MaxAttempts;
        if (givenUp)
        {
            entry.State = InboxState.Failed;
            entry.ProcessedAtUtc = now;
            // Given up: the press is still answered, once, so its spinner stops (failed attempts saved no answer).
            inbound.SetAside(db, entry.Message(), now);
            logger.LogError("Update {UpdateId} failed {Attempts} times and is set aside", entry.UpdateId, entry.Attempts);
        }

        await db.SaveChangesAsync(ct);
        outboxSignal.Pulse();
        return givenUp;
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }
}
