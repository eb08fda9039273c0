namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// DingTalk's documented per-app limit: each API may be called 20 times a second by one app on the standard edition;
/// beyond it the call is refused with 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi and the penalty lasts the
/// rest of that second (https://open.dingtalk.com/document/development/how-to-process-api-throttling-on-the-dingtalk-server).
/// Off by default; counted on the fake's clock for the robot and card sends.
/// </summary>
public sealed partial class FakeDingTalkServer
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentCalls = [];

    /// <summary>Refuse robot and card sends beyond <see cref="CallsPerSecondPerApi"/> a second per API, as DingTalk does.</summary>
    public bool EnforceLimits { get; set; }

    /// <summary>20 on DingTalk's standard edition (higher editions allow more).</summary>
    public int CallsPerSecondPerApi { get; set; } = 20;

    /// <summary>Counts a call to <paramref name="path"/> now; true when it is over the limit (and so not counted).</summary>
    private bool OverLimit(string path)
    {
        lock (_lock)
        {
            if (!_recentCalls.TryGetValue(path, out var recent))
            {
                recent = new Queue<DateTimeOffset>();
                _recentCalls[path] = recent;
            }

            var now = Now;
            while (recent.Count > 0 && recent.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                recent.Dequeue();
            }

            if (recent.Count >= CallsPerSecondPerApi)
            {
                return true;
            }

            recent.Enqueue(now);
            return false;
        }
    }
}
