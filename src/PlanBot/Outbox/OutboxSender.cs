using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Outbox;

/// <summary>
/// The loop that drains one channel's outbox rows (its <see cref="OutboxLane"/>) through that channel's
/// <see cref="IMessageTransport"/> (Telegram, DingTalk, or the console); a process serving two channels runs two, each
/// with its own limiter, so one channel's pause or outage never holds up the other.
/// It works in waves: one query picks the rows that may go now (each chat's first pending row, chats with an answer to a
/// person first), the channel's limiter (<see cref="ISendRateLimiter"/>) gives each a slot before it starts, one
/// transaction claims them, and they are sent side by side, up to <see cref="IMessageTransport.MaxInFlight"/> at once and
/// never two to one chat, so a chat's rows go in id order (a row waiting for its retry holds back later rows to the same
/// chat only). A 429 pauses every send not yet started for retry_after; network trouble, timeouts and 5xx back off
/// exponentially and retry without limit, so no message is lost to an outage; a 403 marks the member unreachable and
/// tells the admins (a group's: its subscription goes, see <see cref="IChatChanges"/>); a 400 fails the row (and is
/// reported when it was to a subscribed group), except "moved": the chat's rows follow it to its new id. Each part of a
/// split text is recorded in <see cref="SentMessage"/> as it goes, so a retry resumes after the parts already delivered.
/// </summary>
public sealed class OutboxSender(
    OutboxLane lane,
    IServiceScopeFactory scopes,
    ISendRateLimiter limiter,
    OutboxSignal signal,
    OutboxDelivered delivered,
    IChatChanges chats,
    WriteTurn writeTurn,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>Rows written without a pulse (another process, a missed pulse) are noticed this late at worst.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Long enough for a split message's parts at one a second; a dead sender's claim runs out after it.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>How many rows one wave's query looks at beyond the free places, for chats the per-chat limit holds back.</summary>
    private const int LookAhead = 50;

    /// <summary>The sends on their way, by outbox row id, with their chat.</summary>
    private readonly Dictionary<long, (Task Send, ChatAddress ChatId)> _inFlight = [];

    /// <summary>This lane's own wakeup: every pulse of the outbox signal, and each of this lane's finished sends.</summary>
    private readonly Wakeup _wakeup = signal.ForLane();
    private DateTimeOffset _nextWaveAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var wait = await StartWaveAsync(stoppingToken);
                    if (wait > TimeSpan.Zero)
                    {
                        await _wakeup.WaitAsync(wait, time, stoppingToken);
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
        finally
        {
            // A stopping host lets the sends on their way finish and be recorded: cut off, they would go twice.
            await Task.WhenAll(_inFlight.Values.Select(s => s.Send));
        }
    }

    /// <summary>Starts the rows that may go now, if any; returns how long to wait before looking again (zero: at once).</summary>
    private async Task<TimeSpan> StartWaveAsync(CancellationToken ct)
    {
        foreach (var (id, _) in _inFlight.Where(s => s.Value.Send.IsCompleted).ToList())
        {
            _inFlight.Remove(id);
        }

        var now = time.GetUtcNow();
        if (_nextWaveAt > now)
        {
            return _nextWaveAt - now;
        }

        // No slot free (the overall limit, or a 429's pause): no query until one is. At the limit a wave is then the
        // one or two slots freed since the last; spacing the waves wider left slots unused and cost the fan-out 5 % of
        // Telegram's rate over a 100 ms network (docs/benchmarks.md).
        var slotIn = limiter.NextSlotIn();
        if (slotIn > TimeSpan.Zero)
        {
            _nextWaveAt = now + slotIn;
            return slotIn;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var transport = lane.Transport(scope.ServiceProvider);
        var free = transport.MaxInFlight - _inFlight.Count;
        if (free <= 0)
        {
            // A finishing send pulses the signal.
            return PollInterval;
        }

        var candidates = await PickAsync(db, transport.Channel, now.UtcDateTime, free + LookAhead, ct);
        var wave = new List<Candidate>();
        var wait = PollInterval;
        // A row still on its way here is never picked again, even once its claim ran out (a long split message, a
        // long 429 pause) or was cleared (the chat moved); nor is another row of its chat.
        var chatsInFlight = _inFlight.Values.Select(s => s.ChatId).ToHashSet();
        foreach (var row in candidates.Where(r => transport.Reaches(r.ChatId)
            && !_inFlight.ContainsKey(r.Id)
            && (r.IsCallbackAnswer || !chatsInFlight.Contains(r.ChatId))))
        {
            if (wave.Count == free)
            {
                break;
            }

            // Button toasts are not chat messages: no chat limit applies to them.
            var delay = row.IsCallbackAnswer ? TimeSpan.Zero : limiter.TryReserve(row.ChatId);
            if (delay == TimeSpan.Zero)
            {
                wave.Add(row);
            }
            else
            {
                wait = delay < wait ? delay : wait;
            }
        }

        if (wave.Count == 0)
        {
            return candidates.Count == 0 ? await UntilNextDueAsync(db, now.UtcDateTime, ct) : wait;
        }

        var claimed = await ClaimAsync(db, wave, now.UtcDateTime, ct);
        foreach (var lost in wave.Where(r => !claimed.Contains(r.Id) && !r.IsCallbackAnswer))
        {
            limiter.Release(lost.ChatId);
        }

        var rows = await db.Outbox.AsNoTracking().Where(m => claimed.Contains(m.Id)).ToListAsync(ct);
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            var send = Task.Run(() => SendAsync(row, ct), CancellationToken.None);
            // Woken once the send has finished, not from inside it: the loop then sees its place free.
            _ = send.ContinueWith(_ => _wakeup.Pulse(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _inFlight[row.Id] = (send, row.ChatId);
        }

        // Look again at once: rows the per-chat limit held back, or rows written meanwhile, may go in the places left.
        return TimeSpan.Zero;
    }

    private sealed record Candidate(long Id, ChatAddress ChatId, bool IsCallbackAnswer);

    /// <summary>
    /// The rows that may go now, in the order they should: button answers, then each chat's first pending row (a chat's
    /// later rows wait for it, also while it is claimed or waiting for its retry), chats with an answer to a person
    /// waiting before chats with only bulk rows, each group oldest first. Only <paramref name="channel"/>'s rows (any
    /// channel's when null: the console, which filters by what it shows).
    /// </summary>
    private static async Task<List<Candidate>> PickAsync(PlanBotDbContext db, Channel? channel, DateTime nowUtc, int take, CancellationToken ct)
    {
        var pending = db.Outbox.Where(m => m.State == OutboxState.Pending && (channel == null || m.Channel == channel));
        var due = pending.Where(m => m.NextAttemptAtUtc <= nowUtc && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc <= nowUtc));
        var toasts = await due
            .Where(m => m.AnswerCallbackQueryId != null)
            .OrderBy(m => m.Id)
            .Select(m => new Candidate(m.Id, m.ChatId, true))
            .Take(take)
            .ToListAsync(ct);
        var firsts = await due
            .Where(m => m.AnswerCallbackQueryId == null
                && !pending.Any(p => p.ChatId == m.ChatId && p.AnswerCallbackQueryId == null && p.Id < m.Id))
            .OrderByDescending(m => pending.Any(p => p.ChatId == m.ChatId && p.IsAnswer))
            .ThenBy(m => m.Id)
            .Select(m => new Candidate(m.Id, m.ChatId, false))
            .Take(take)
            .ToListAsync(ct);
        return [.. toasts, .. firsts];
    }

    /// <summary>Nothing may go now: until the earliest retry falls due, or the poll interval.</summary>
    private static async Task<TimeSpan> UntilNextDueAsync(PlanBotDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var next = await db.Outbox
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAtUtc > nowUtc)
            .MinAsync(m => (DateTime?)m.NextAttemptAtUtc, ct);
        return next is { } at && at - nowUtc < PollInterval ? at - nowUtc : PollInterval;
    }

    /// <summary>
    /// Takes the wave's rows for this sender, each with a conditional update, in one transaction: two senders on one
    /// database (an old process still stopping, or several instances) never both send a row.
    /// </summary>
    private async Task<HashSet<long>> ClaimAsync(PlanBotDbContext db, List<Candidate> wave, DateTime nowUtc, CancellationToken ct)
    {
        DateTime? until = nowUtc + ClaimFor;
        var claimed = new HashSet<long>();
        using var turn = await writeTurn.TakeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in wave)
        {
            var taken = await db.Outbox
                .Where(m => m.Id == row.Id && m.State == OutboxState.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc <= nowUtc))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, until), ct);
            if (taken == 1)
            {
                claimed.Add(row.Id);
            }
        }

        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>One claimed row, on its own scope: sent, and how it went recorded, whatever else is in flight.</summary>
    private async Task SendAsync(OutboxMessage row, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            var transport = lane.Transport(scope.ServiceProvider);
            db.Outbox.Attach(row);
            await DeliverAsync(db, transport, row, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped between two parts of a split message: the claim is dropped at the next start, which resumes after
            // the parts already delivered.
        }
        catch (Exception e)
        {
            // Nothing was marked sent: the row is tried again when its claim runs out.
            logger.LogError(e, "Outbox message {Id} could not be sent; trying again later", row.Id);
        }
        finally
        {
            delivered.Pulse();
        }
    }

    private async Task DeliverAsync(PlanBotDbContext db, IMessageTransport transport, OutboxMessage row, CancellationToken ct)
    {
        var parts = OutboxParts.For(row);
        // Only a row that was partly delivered before (its last part's id is kept) has parts on record to skip.
        var delivered = row.EditMessageId is null && row.AnswerCallbackQueryId is null && row.TelegramMessageId is not null
            ? await db.SentMessages.CountAsync(m => m.OutboxId == row.Id, ct)
            : 0;

        for (var i = delivered; i < parts.Count; i++)
        {
            if (i > delivered)
            {
                // The wave gave the first part its slot; each later part waits for its own.
                await ReserveAsync(row.ChatId, ct);
            }
            else if (row.AnswerCallbackQueryId is null)
            {
                limiter.Restamp(row.ChatId);
            }

            // Once a part is on its way it is finished and recorded even when the host is stopping: a send cut off
            // after Telegram accepted it, or a result left unrecorded, would be sent again after the restart.
            var started = time.GetUtcNow();
            var result = await transport.SendAsync(parts[i], CancellationToken.None);
            if (row.AnswerCallbackQueryId is null)
            {
                limiter.Answered(row.ChatId, started);
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

    private async Task ReserveAsync(ChatAddress chatId, CancellationToken ct)
    {
        for (var delay = limiter.TryReserve(chatId); delay > TimeSpan.Zero; delay = limiter.TryReserve(chatId))
        {
            await Task.Delay(delay, time, ct);
        }
    }

    private async Task RecordPartAsync(PlanBotDbContext db, OutboxMessage row, IReadOnlyList<long> messageIds, bool isLast, DateTime now, CancellationToken ct)
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

        if (!isLast)
        {
            // Still this sender's while its later parts wait for their slots: no other process takes it meanwhile.
            row.ClaimedUntilUtc = now + ClaimFor;
        }

        if (isLast)
        {
            row.State = OutboxState.Sent;
            row.SentAtUtc = now;
            row.LastError = null;
            row.ClaimedUntilUtc = null;
        }

        await SaveInTurnAsync(db, ct);
    }

    private async Task RecordFailureAsync(PlanBotDbContext db, OutboxMessage row, SendResult result, DateTime now, CancellationToken ct)
    {
        row.ClaimedUntilUtc = null;
        switch (result)
        {
            case SendResult.RetryAfter retry:
                // Flood control is per bot: every send not yet started waits, and the row is not charged an attempt.
                limiter.PauseUntil(time.GetUtcNow() + retry.Delay);
                row.NextAttemptAtUtc = now + retry.Delay;
                row.LastError = $"429: retry after {retry.Delay.TotalSeconds:0} s";
                logger.LogWarning("{Channel} flood control: pausing all sending for {Seconds} s", lane.Name, retry.Delay.TotalSeconds);
                break;
            case SendResult.Refused refused:
                limiter.PauseUntil(time.GetUtcNow() + refused.Pause);
                row.NextAttemptAtUtc = now + refused.Pause;
                row.LastError = refused.Error;
                logger.LogError("{Channel} refused the bot itself ({Error}): its sending waits {Seconds} s; check the app's credentials and permissions",
                    lane.Name, refused.Error, refused.Pause.TotalSeconds);
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

        await SaveInTurnAsync(db, ct);
    }

    /// <summary>
    /// Records how a send went in the process's turn at the write lock: several sends finish at once and the inbox commits
    /// batches back to back, and SQLite's busy handler would let a record sleep past gap after gap meanwhile, holding
    /// back the chat's next message (and leaving a longer window for a kill to repeat it).
    /// </summary>
    private async Task SaveInTurnAsync(PlanBotDbContext db, CancellationToken ct)
    {
        using var turn = await writeTurn.TakeAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the recipient unreachable and, the first time, tells every reachable admin (in their language).</summary>
    private static async Task MarkUnreachableAsync(PlanBotDbContext db, OutboxMessage row, DateTime now, CancellationToken ct)
    {
        if (row.RecipientMemberId is not { } memberId
            || await db.Members.FindAsync([memberId], ct) is not { Reachable: true } member
            // The member has since written on another channel: that one is where they are reached now.
            || member.ChatId != row.ChatId)
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
