using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Inbox;

/// <summary>
/// Applies stored updates in update order, each through <see cref="IInboundHandler"/> (the one code path that routes,
/// enqueues replies, answers the button and saves) with the entry's "processed" mark saved in the same transaction, so
/// an update takes effect exactly once. Updates are applied a batch per transaction (group commit: one commit, one
/// wait for SQLite's write lock, for several updates; bounds in <see cref="InboxBatching"/>), each in a savepoint of its own, so one
/// that fails is undone alone. It is then applied on its own, as before batches: a router failure is retried a few
/// times, then the entry is marked failed with its error and the queue moves on (a pressed button is still answered,
/// so its spinner stops).
/// </summary>
public sealed class InboxProcessor(
    IServiceScopeFactory scopes,
    IInboundHandler inbound,
    InboxSignal inboxSignal,
    WriteTurn writeTurn,
    InboxBatching batching,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    public const int MaxAttempts = 3;

    /// <summary>Entries stored by another process (or a missed pulse) are noticed this late at worst.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private const string EntrySavepoint = "inbox_entry";

    // The batches' bounds are about how long SQLite's lock is held, in real time: the wall clock, not the bot's own
    // (which a test may stop, or a rehearsal shift).
    private static readonly TimeProvider Wall = TimeProvider.System;

    private long _lastCommit;

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

    /// <summary>A pending entry as read for a batch: once, with its payload.</summary>
    private sealed record PendingEntry(long Id, long? UpdateId, string Payload)
    {
        public InboundMessage Message() => new InboxEntry { Payload = Payload, UpdateId = UpdateId }.Message();
    }

    private async Task<Outcome> ProcessPendingAsync(CancellationToken ct)
    {
        var pending = new Queue<PendingEntry>(await LoadPendingAsync(ct));
        if (pending.Count == 0)
        {
            return Outcome.Idle;
        }

        while (pending.Count > 0)
        {
            var failed = await ApplyBatchAsync(pending, ct);
            // After the commit: what the sender picks up is saved.
            outboxSignal.Pulse();
            if (failed is not null)
            {
                pending.Dequeue();
                if (!await ProcessAsync(failed, ct))
                {
                    // Later updates wait for this one's retry, so a chat's updates are applied in order.
                    return Outcome.Retry;
                }
            }
        }

        return Outcome.Progressed;
    }

    private async Task<List<PendingEntry>> LoadPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        return await db.Inbox
            .Where(e => e.State == InboxState.Pending)
            .OrderBy(e => e.UpdateId)
            .ThenBy(e => e.Id)
            .Take(batching.Size)
            .Select(e => new PendingEntry(e.Id, e.UpdateId, e.Payload))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Applies the first entries of <paramref name="pending"/> in one transaction, taking each off the queue once
    /// applied (or found applied by another processor), until <see cref="InboxBatching.Time"/> has passed or one fails.
    /// </summary>
    /// <returns>The entry that failed, still first in the queue, or null.</returns>
    private async Task<PendingEntry?> ApplyBatchAsync(Queue<PendingEntry> pending, CancellationToken ct)
    {
        var sincePrevious = Wall.GetElapsedTime(_lastCommit);
        if (sincePrevious < batching.Gap)
        {
            await Task.Delay(batching.Gap - sincePrevious, Wall, ct);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        using var turn = await writeTurn.TakeAsync(ct);
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default; a test holds it to that): the write lock from the start, so
        // what the batch's updates read stays true until it commits, and no other writer can make their snapshot stale.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = transaction.GetDbTransaction();
        var began = Wall.GetTimestamp();
        PendingEntry? failed = null;
        using (WriteLockGuard.Hold(batch.Connection!))
        {
            var applied = 0;
            while (pending.TryPeek(out var entry) && (applied == 0 || Wall.GetElapsedTime(began) < batching.Time))
            {
                if (!await TryApplyAsync(entry, batch, ct))
                {
                    failed = entry;
                    break;
                }

                pending.Dequeue();
                applied++;
            }
        }

        await transaction.CommitAsync(ct);
        _lastCommit = Wall.GetTimestamp();
        return failed;
    }

    /// <returns>False when the entry failed; what it did is undone, and the batch's other entries stand.</returns>
    private async Task<bool> TryApplyAsync(PendingEntry entry, DbTransaction batch, CancellationToken ct)
    {
        await batch.SaveAsync(EntrySavepoint, ct);
        try
        {
            await inbound.HandleWithinAsync(entry.Message(), batch, (db, now, token) => ClaimAsync(db, entry.Id, now, token), ct);
            await batch.ReleaseAsync(EntrySavepoint, ct);
            return true;
        }
        catch (InboxEntryTakenException)
        {
            await UndoAsync(batch, ct);
            logger.LogInformation("Update {UpdateId} was already processed by another worker", entry.UpdateId);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Applied on its own next, where a failure is counted and recorded (a handler that saves on a connection of
            // its own, WriteLockHeldException, works there).
            await UndoAsync(batch, ct);
            logger.LogDebug(e, "Update {UpdateId} failed in a batch; applying it on its own", entry.UpdateId);
            return false;
        }
    }

    private static async Task UndoAsync(DbTransaction batch, CancellationToken ct)
    {
        await batch.RollbackAsync(EntrySavepoint, ct);
        await batch.ReleaseAsync(EntrySavepoint, ct);
    }

    /// <summary>Applies one entry in a transaction of its own, as before batches.</summary>
    /// <returns>False when the entry failed and will be retried.</returns>
    private async Task<bool> ProcessAsync(PendingEntry entry, CancellationToken ct)
    {
        InboundMessage? message = null;
        try
        {
            message = entry.Message();
            await inbound.HandleAsync(message, (db, now, token) => ClaimAsync(db, entry.Id, now, token), ct);
            return true;
        }
        catch (InboxEntryTakenException)
        {
            // Another processor on this database applied it first; its effects stand and this attempt's are rolled back.
            logger.LogInformation("Update {UpdateId} was already processed by another worker", entry.UpdateId);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Update {UpdateId} ({Kind}) could not be processed", entry.UpdateId, message?.Kind);
            return await RecordFailureAsync(entry.Id, e, ct);
        }
    }

    /// <summary>
    /// Marks the entry processed with one conditional update in the transaction that saves its effects: when another
    /// processor got there first, nothing is updated and the entry's changes are abandoned, so no update applies twice.
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
