namespace PlanBot.Inbox;

/// <summary>
/// The bounds of the inbox processor's batches (group commit). Tuning, not configuration: tests change them, an
/// operator has no reason to.
/// </summary>
public sealed class InboxBatching
{
    /// <summary>Updates read at once, and the most a batch applies.</summary>
    public int Size { get; init; } = 50;

    /// <summary>
    /// No update joins a batch that began this long ago, so a batch holds SQLite's write lock about this long (plus its
    /// last update): what waits for the lock waits about that long.
    /// </summary>
    public TimeSpan Time { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// The lock is left free at least this long between two batches. A writer outside the processor's turns (the sender,
    /// a job, a CLI verb in another process) waits in SQLite's busy handler, which retries after sleeps of up to 100 ms:
    /// it would miss a gap of microseconds behind every batch, and wait for the whole backlog.
    /// </summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMilliseconds(5);
}
