using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Outbox;

/// <summary>
/// The one loop that drains the outbox through the registered <see cref="IMessageTransport"/> (Telegram, or the console).
/// Rows go in id order per chat (a row waiting for its retry holds back later rows to the same chat only),
/// within the channel's limits (<see cref="ISendRateLimiter"/>). A 429 pauses everything for retry_after; network
/// trouble, timeouts and 5xx back off exponentially and retry without limit, so no message is lost to an outage;
/// a 403 marks the member unreachable and tells the admins (a group's: its subscription goes, see
/// <see cref="IChatChanges"/>); a 400 fails the row (and is reported when it was to a subscribed group), except
/// "moved": the chat's rows follow it to its new id. Each part of a split text is
/// recorded in <see cref="SentMessage"/> as it goes, so a retry resumes after the parts already delivered.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    ISendRateLimiter limiter,
    OutboxSignal signal,
    OutboxDelivered delivered,
    IChatChanges chats,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>Rows written without a pulse (another process, a missed pulse) are noticed this late at worst.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Long enough for a split message's parts at one a second; a dead sender's claim runs out after it.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private const int ScanSize = 500;

    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = await SendNextAsync(stoppingToken);
                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop must outlive any single failure (database locked too long, a transport bug):
                // nothing was marked sent, so the row is tried again.
                logger.LogError(e, "Outbox sender failed; retrying");
                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Sends the next eligible row, if any; returns how long to wait before looking again (zero: at once).</summary>
    private async Task<TimeSpan> SendNextAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_pausedUntil > now)
        {
            return _pausedUntil - now;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IMessageTransport>();
        var (rowId, wait) = await PickAsync(db, transport, now, ct);
        if (rowId is not { } id)
        {
            return wait;
        }

        if (!await ClaimAsync(db, id, now.UtcDateTime, ct))
        {
            // Another sender took it between the pick and the claim: look again.
            return TimeSpan.Zero;
        }

        var row = await db.Outbox.SingleAsync(m => m.Id == id, ct);
        await DeliverAsync(db, transport, row, ct);
        delivered.Pulse();
        return TimeSpan.Zero;
    }

    private async Task<(long? RowId, TimeSpan Wait)> PickAsync(PlanBotDbContext db, IMessageTransport transport, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.Outbox
            .Where(m => m.State == OutboxState.Pending)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ChatId, m.NextAttemptAtUtc, m.ClaimedUntilUtc, IsCallbackAnswer = m.AnswerCallbackQueryId != null })
            .Take(ScanSize)
            .ToListAsync(ct);

        var wait = PollInterval;
        var heldBack = new HashSet<long>();
        foreach (var row in pending.Where(r => transport.Reaches(r.ChatId)))
        {
            // Button toasts are not chat messages: no per-chat order or limit applies to them.
            if (!row.IsCallbackAnswer && heldBack.Contains(row.ChatId))
            {
                continue;
            }

            if (row.ClaimedUntilUtc > now.UtcDateTime)
            {
                // Being sent by another sender: its chat's later rows wait for it.
                heldBack.Add(row.ChatId);
                continue;
            }

            var dueIn = new DateTimeOffset(row.NextAttemptAtUtc, TimeSpan.Zero) - now;
            var delay = dueIn > TimeSpan.Zero ? dueIn : row.IsCallbackAnswer ? TimeSpan.Zero : limiter.DelayFor(row.ChatId);
            if (delay <= TimeSpan.Zero)
            {
                return (row.Id, TimeSpan.Zero);
            }

            heldBack.Add(row.ChatId);
            wait = delay < wait ? delay : wait;
        }

        return (null, wait);
    }

    /// <summary>
    /// Takes the row for this sender with one conditional update, so two senders on one database (an old process still
    /// stopping, or several instances) never both send it.
    /// </summary>
    private static async Task<bool> ClaimAsync(PlanBotDbContext db, long id, DateTime nowUtc, CancellationToken ct)
    {
        DateTime? until = nowUtc + ClaimFor;
        return await db.Outbox
            .Where(m => m.Id == id && m.State == OutboxState.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc <= nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, until), ct) == 1;
    }

    private async Task DeliverAsync(PlanBotDbContext db, IMessageTransport transport, OutboxMessage row, CancellationToken ct)
    {
        var parts = OutboxParts.For(row);
        var delivered = row.EditMessageId is null && row.AnswerCallbackQueryId is null
            ? await db.SentMessages.CountAsync(m => m.OutboxId == row.Id, ct)
            : 0;

        for (var i = delivered; i < parts.Count; i++)
        {
            if (i > delivered)
            {
                var delay = limiter.DelayFor(row.ChatId);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, ct);
                }
            }

            // Once a part is on its way it is finished and recorded even when the host is stopping: a send cut off
            // after Telegram accepted it, or a result left unrecorded, would be sent again after the restart.
            var result = await transport.SendAsync(parts[i], CancellationToken.None);
            if (row.AnswerCallbackQueryId is null)
            {
                // Counted when the answer is back, not when the request left: Telegram saw it before then, so the
                // next send is spaced from Telegram's view however slowly this request travelled.
                limiter.Record(row.ChatId);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (result is SendResult.Sent sent)
            {
                await RecordPartAsync(db, row, sent.MessageIds, isLast: i == parts.Count - 1, now, CancellationToken.None);
                continue;
            }

            await RecordFailureAsync(db, row, result, now, CancellationToken.None);
            return;
        }
    }

    private static async Task RecordPartAsync(PlanBotDbContext db, OutboxMessage row, IReadOnlyList<long> messageIds, bool isLast, DateTime now, CancellationToken ct)
    {
        foreach (var messageId in messageIds)
        {
            // An edited message keeps its id, which the original send already recorded.
            var known = row.EditMessageId is not null
                && await db.SentMessages.AnyAsync(m => m.ChatId == row.ChatId && m.TelegramMessageId == messageId, ct);
            if (!known)
            {
                db.SentMessages.Add(SentMessage.Of(row, messageId));
            }
        }

        if (messageIds.Count > 0)
        {
            row.TelegramMessageId = messageIds[^1];
        }

        if (isLast)
        {
            row.State = OutboxState.Sent;
            row.SentAtUtc = now;
            row.LastError = null;
            row.ClaimedUntilUtc = null;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task RecordFailureAsync(PlanBotDbContext db, OutboxMessage row, SendResult result, DateTime now, CancellationToken ct)
    {
        row.ClaimedUntilUtc = null;
        switch (result)
        {
            case SendResult.RetryAfter retry:
                // Flood control is per bot: every chat waits, and the row is not charged an attempt.
                _pausedUntil = time.GetUtcNow() + retry.Delay;
                row.NextAttemptAtUtc = now + retry.Delay;
                row.LastError = $"429: retry after {retry.Delay.TotalSeconds:0} s";
                logger.LogWarning("Telegram flood control: pausing all sending for {Seconds} s", retry.Delay.TotalSeconds);
                break;
            case SendResult.Transient transient:
                row.Attempts++;
                var backoff = Backoff(row.Attempts);
                row.NextAttemptAtUtc = now + backoff;
                row.LastError = transient.Error;
                logger.LogWarning("Outbox message {Id} to chat {ChatId} failed ({Error}); attempt {Attempts}, next in {Seconds:0.#} s",
                    row.Id, row.ChatId, transient.Error, row.Attempts, backoff.TotalSeconds);
                break;
            case SendResult.Moved moved:
                // Not a failure of the message: it (with the chat's other pending rows) goes to the new id at once.
                logger.LogWarning("Chat {ChatId} moved to {NewChatId} (group upgraded to a supergroup); its messages follow it", row.ChatId, moved.NewChatId);
                row.NextAttemptAtUtc = now;
                row.LastError = $"moved to {moved.NewChatId}";
                await chats.MovedAsync(db, row.ChatId, moved.NewChatId, title: null, ct);
                break;
            case SendResult.Forbidden forbidden:
                row.Attempts++;
                row.State = OutboxState.Failed;
                row.LastError = forbidden.Error;
                logger.LogWarning("Chat {ChatId} refused outbox message {Id}: {Error}", row.ChatId, row.Id, forbidden.Error);
                if (row.RecipientMemberId is null && row.AnswerCallbackQueryId is null)
                {
                    // Not a member's chat (a subscribed group): the bot was removed from it.
                    await chats.GoneAsync(db, row.ChatId, title: null, forbidden.Error, ct);
                }
                else
                {
                    await MarkUnreachableAsync(db, row, now, ct);
                }

                break;
            case SendResult.BadRequest bad:
                row.Attempts++;
                row.State = OutboxState.Failed;
                row.LastError = bad.Error;
                logger.LogError("Outbox message {Id} to chat {ChatId} was refused and dropped: {Error}", row.Id, row.ChatId, bad.Error);
                if (row.RecipientMemberId is null && row.AnswerCallbackQueryId is null)
                {
                    await chats.RefusedAsync(db, row.ChatId, bad.Error, ct);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown send result {result}.");
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the recipient unreachable and, the first time, tells every reachable admin (in their language).</summary>
    private static async Task MarkUnreachableAsync(PlanBotDbContext db, OutboxMessage row, DateTime now, CancellationToken ct)
    {
        if (row.RecipientMemberId is not { } memberId
            || await db.Members.FindAsync([memberId], ct) is not { Reachable: true } member)
        {
            return;
        }

        member.Reachable = false;
        var admins = (await db.Members.Where(m => m.ChatId != null && m.Reachable && m.Id != memberId).ToListAsync(ct))
            .Where(m => m.Has(MemberRoles.Admin));
        db.Enqueue(now, admins.Select(admin => new OutgoingMessage(admin.ChatId!.Value, UnreachableNotice.For(admin.Language, member.Name))
        {
            RecipientMemberId = admin.Id,
        }));
    }

    /// <summary>1 s, 2 s, 4 s … capped at five minutes, with ±20 % jitter so many stuck rows do not retry in lockstep.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempts - 1, 0, 20)));
#pragma warning disable CA5394 // Jitter only spreads retries; it guards nothing.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, seconds * jitter));
    }
}
