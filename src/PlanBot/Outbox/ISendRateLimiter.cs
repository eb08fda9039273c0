namespace PlanBot.Outbox;

/// <summary>
/// A channel's sending limits. The <see cref="OutboxSender"/> takes a slot before each send starts, so several sends in
/// flight never add up to more than the channel allows; each transport brings its own (Telegram's per-chat and overall
/// rates, none for the console).
/// </summary>
public interface ISendRateLimiter
{
    /// <summary>
    /// Takes a slot for a message to <paramref name="chatId"/> now and returns zero when every limit (and any pause)
    /// allows it; otherwise takes nothing and returns how long until one could.
    /// </summary>
    TimeSpan TryReserve(long chatId);

    /// <summary>How long until any message may go (the overall limit, or a pause); zero when one may go now.</summary>
    TimeSpan NextSlotIn();

    /// <summary>Gives back the newest slot taken for <paramref name="chatId"/>: its message was not sent after all.</summary>
    void Release(long chatId);

    /// <summary>Flood control: no slot is given before <paramref name="until"/>.</summary>
    void PauseUntil(DateTimeOffset until);
}

/// <summary>For a channel with no limits (the console): nothing ever waits.</summary>
public sealed class NoSendRateLimit : ISendRateLimiter
{
    public TimeSpan TryReserve(long chatId) => TimeSpan.Zero;

    public TimeSpan NextSlotIn() => TimeSpan.Zero;

    public void Release(long chatId)
    {
    }

    public void PauseUntil(DateTimeOffset until)
    {
    }
}
