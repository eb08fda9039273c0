using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Storage;

namespace PlanBot.Inbox;

/// <summary>Records received updates (and the polling offset) before anything acts on them.</summary>
public static class InboxStore
{
    /// <summary>The <see cref="BotStateEntry"/> key of the next getUpdates offset.</summary>
    public const string PollingOffsetKey = "Telegram.PollingOffset";

    /// <summary>
    /// Stores the messages, ignoring update ids already stored, and (when given) the next polling offset, in one
    /// transaction: the offset never moves past an update that is not safely in the inbox.
    /// </summary>
    /// <returns>How many messages were new.</returns>
    public static Task<int> StoreAsync(
        PlanBotDbContext db, IReadOnlyCollection<InboundMessage> messages, DateTime nowUtc, long? nextOffset, CancellationToken ct) =>
        StoreAsync(db, messages, [], nowUtc, nextOffset, ct);

    /// <summary>
    /// As <see cref="StoreAsync(PlanBotDbContext, IReadOnlyCollection{InboundMessage}, DateTime, long?, CancellationToken)"/>,
    /// and records the updates that could not be read as <see cref="InboxState.Unreadable"/> entries in the same
    /// transaction, so the offset moves past them only once they are on record. One without an id is recorded once
    /// per distinct raw text (nothing else can tell a redelivered copy).
    /// </summary>
    /// <returns>How many messages and unreadable updates were new.</returns>
    public static async Task<int> StoreAsync(
        PlanBotDbContext db,
        IReadOnlyCollection<InboundMessage> messages,
        IReadOnlyCollection<UnreadableUpdate> unreadable,
        DateTime nowUtc,
        long? nextOffset,
        CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Once this commits, Telegram is told (the webhook's 200) or may forget (the next offset): it is synced
            // to disk before that, so not even a power cut loses an update Telegram no longer has.
            await SqliteConnectionSettings.UseSynchronousAsync(db, SqliteSynchronous.Full, ct);
            return await StoreInTransactionAsync(db, messages, unreadable, nowUtc, nextOffset, ct);
        }
        finally
        {
            // The next open of this connection sets the app's own durability again.
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> StoreInTransactionAsync(
        PlanBotDbContext db,
        IReadOnlyCollection<InboundMessage> messages,
        IReadOnlyCollection<UnreadableUpdate> unreadable,
        DateTime nowUtc,
        long? nextOffset,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var message in messages)
        {
            added += await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO Inbox (UpdateId, DeliveryId, Kind, Payload, State, ReceivedAtUtc, Attempts)
                VALUES ({(message.DeliveryId is null ? message.UpdateId : null)}, {message.DeliveryId}, {message.Kind.ToString()}, {InboxEntry.ToPayload(message)}, {nameof(InboxState.Pending)}, {nowUtc}, 0)
                ON CONFLICT DO NOTHING
                """,
                ct);
        }

        foreach (var update in unreadable)
        {
            var error = update.Error.Length <= 2000 ? update.Error : update.Error[..2000];
            if (update.UpdateId is null
                && await db.Inbox.AnyAsync(e => e.UpdateId == null && e.State == InboxState.Unreadable && e.Payload == update.RawJson, ct))
            {
                continue;
            }

            added += await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO Inbox (UpdateId, Kind, Payload, State, ReceivedAtUtc, Attempts, Error)
                VALUES ({update.UpdateId}, {nameof(InboundKind.Other)}, {update.RawJson}, {nameof(InboxState.Unreadable)}, {nowUtc}, 0, {error})
                ON CONFLICT (UpdateId) DO NOTHING
                """,
                ct);
        }

        if (nextOffset is { } offset)
        {
            var value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO BotSettings (Key, Value) VALUES ({PollingOffsetKey}, {value})
                ON CONFLICT (Key) DO UPDATE SET Value = excluded.Value
                """,
                ct);
        }

        await transaction.CommitAsync(ct);
        return added;
    }

    /// <summary>The stored polling offset, 0 when none (Telegram then sends every unconfirmed update).</summary>
    public static async Task<long> LoadOffsetAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var value = await db.BotState.Where(s => s.Key == PollingOffsetKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset : 0;
    }
}
