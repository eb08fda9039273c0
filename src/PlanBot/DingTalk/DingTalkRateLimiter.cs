using PlanBot.Outbox;

namespace PlanBot.DingTalk;

/// <summary>
/// DingTalk's sending limits, kept below what it documents (docs/dingtalk.md, "Limits"): an app may call one API 20
/// times a second (standard edition; beyond it DingTalk answers QpsLimitForAppkeyAndApi), so 15 a second overall; one
/// message a second per chat keeps a person's messages in order and readable; 20 a minute per group, as DingTalk limits
/// group robots, so a group is never flooded.
/// </summary>
public sealed class DingTalkRateLimiter(TimeProvider time) : SlidingWindowRateLimiter(time, Limits)
{
    public static SendLimits Limits { get; } = new(
        Global: new(15, TimeSpan.FromMilliseconds(1010)),
        PerChat: new(1, TimeSpan.FromMilliseconds(1100)),
        PerGroup: new(20, TimeSpan.FromSeconds(61)),
        IsGroup: DingTalkAddresses.IsGroup);
}
