namespace PlanBot.Storage;

/// <summary>
/// Turns, in arrival order, at SQLite's one write lock for this process's busy writers: the receivers' stores, the inbox
/// processor's batches and the outbox sender's claims and records. SQLite lets a waiting writer retry after sleeps of up
/// to 100 ms, and a processor with a backlog takes the lock again as soon as it commits a batch: a store or a sender
/// left to SQLite could miss every gap and wait seconds, with Telegram's request (the webhook), the next poll or the
/// next reply held up behind it. Here each waits for the transaction in progress at most, which the batch's bound
/// keeps short (<see cref="Inbox.InboxBatching.Time"/>).
/// </summary>
public sealed class WriteTurn : IDisposable
{
    // SemaphoreSlim hands a release to its longest-waiting async waiter, so a batch that ends does not skip the queue.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this writer's turn; dispose the result when its transaction has ended.</summary>
    public async Task<Turn> TakeAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
