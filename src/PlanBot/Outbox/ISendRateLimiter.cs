using PlanBot.Chat;
using PlanBot.Plans;

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
    TimeSpan TryReserve(ChatAddress chatId);

    /// <summary>How long until any message may go (the overall limit, or a pause); zero when one may go now.</summary>
    TimeSpan NextSlotIn();

    /// <summary>Gives back the newest slot taken for <paramref name="chatId"/>: its message was not sent after all.</summary>
    void Release(ChatAddress chatId);

    /// <summary>
    /// Moves the newest slot taken for <paramref name="chatId"/> to now, when its send really starts: a wave takes its
    /// slots before it claims and loads its rows, and a slot counted from then would let the next ones start early by
    /// that delay, which Telegram, counting arrivals, does not allow.
    /// </summary>
    void Restamp(ChatAddress chatId);

    /// <summary>
    /// The send to <paramref name="chatId"/> that started at <paramref name="startedAt"/> was answered now. The channel
    /// counted it when it arrived, somewhere between the two; a limiter that knows its network may move the slot there.
    /// </summary>
    void Answered(ChatAddress chatId, DateTimeOffset startedAt);

    /// <summary>Flood control: no slot is given before <paramref name="until"/>.</summary>
    void PauseUntil(DateTimeOffset until);
}

/// <summary>For a channel with no limits (the console): nothing ever waits.</summary>
public sealed class NoSendRateLimit : ISendRateLimiter
{
    public TimeSpan TryReserve(ChatAddress chatId) => TimeSpan.Zero;

    public TimeSpan NextSlotIn() => TimeSpan.Zero;

    public void Release(ChatAddress chatId)
    {
    }

    public void Restamp(ChatAddress chatId)
    {
    }

    public void Answered(ChatAddress chatId, DateTimeOffset startedAt)
    {
    }

    public void PauseUntil(DateTimeOffset until)
    {
    }
}
