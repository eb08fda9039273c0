namespace PlanBotBench;

/// <summary>
/// A clock that jumps two seconds ahead at every reading. Given to the Telegram rate limiter it makes every earlier
/// send look long past, which lifts Telegram's 30/s and 1/s-per-chat limits for the throughput run without touching the app.
/// </summary>
public sealed class LeapingClock : TimeProvider
{
    private long _leaps;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromSeconds(2 * Interlocked.Increment(ref _leaps));
}
