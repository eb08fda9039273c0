using PlanBot.Outbox;

namespace PlanBot.Telegram;

/// <summary>
/// Telegram's sending limits (core.telegram.org/bots/faq): about 30 messages a second overall, one a second per chat and
/// 20 a minute per group (negative chat ids), each with a small margin.
/// </summary>
public sealed class TelegramRateLimiter(TimeProvider time) : SlidingWindowRateLimiter(time, Limits)
{
    public static SendLimits Limits { get; } = new(
        Global: new(30, TimeSpan.FromMilliseconds(1010)),
        PerChat: new(1, TimeSpan.FromMilliseconds(1100)),
        PerGroup: new(20, TimeSpan.FromSeconds(61)),
        IsGroup: chat => chat.Number < 0);
}
