namespace PlanBot.Outbox;

/// <summary>
/// A channel's sending limits, asked by the <see cref="OutboxSender"/> before each send and told after it. Each transport
/// brings its own: Telegram's per-chat and overall rates, none for the console.
/// </summary>
public interface ISendRateLimiter
{
    /// <summary>How long a message to <paramref name="chatId"/> must wait; zero when it may go now.</summary>
    TimeSpan DelayFor(long chatId);

    /// <summary>Counts a message sent to <paramref name="chatId"/> now.</summary>
    void Record(long chatId);
}

/// <summary>For a channel with no limits (the console): nothing ever waits.</summary>
public sealed class NoSendRateLimit : ISendRateLimiter
{
    public TimeSpan DelayFor(long chatId) => TimeSpan.Zero;

    public void Record(long chatId)
    {
    }
}
