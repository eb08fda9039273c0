using PlanBot.Outbox;

namespace PlanBot.Telegram;

/// <summary>
/// Telegram's sending limits: about 30 messages a second overall, one a second per private chat and 20 a minute
/// per group (negative chat ids). Each window carries a small margin so Telegram's clock, which sees our requests
/// after network jitter, never counts us above a limit. Used by the single sender loop, which records a send when its
/// answer is back (after Telegram counted it), so the overall margin can be thin: 3 % keeps a 3,000-reminder fan-out at
/// 0.98 of 30/s with no 429 (docs/benchmarks.md), where 10 % held it at 0.91.
/// </summary>
public sealed class TelegramRateLimiter(TimeProvider time) : ISendRateLimiter
{
    private static readonly Rule Global = new(30, TimeSpan.FromMilliseconds(1030));
    private static readonly Rule PerChat = new(1, TimeSpan.FromMilliseconds(1100));
    private static readonly Rule PerGroup = new(20, TimeSpan.FromSeconds(61));

    private readonly List<DateTimeOffset> _global = [];
    private readonly Dictionary<long, List<DateTimeOffset>> _chats = [];
    private readonly Lock _lock = new();

    /// <summary>How long a message to <paramref name="chatId"/> must wait; zero when it may go now.</summary>
    public TimeSpan DelayFor(long chatId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var delay = Global.Delay(_global, now);
            if (_chats.TryGetValue(chatId, out var sent))
            {
                foreach (var rule in RulesFor(chatId))
                {
                    var chatDelay = rule.Delay(sent, now);
                    if (chatDelay > delay)
                    {
                        delay = chatDelay;
                    }
                }
            }

            return delay;
        }
    }

    /// <summary>Counts a message sent to <paramref name="chatId"/> now.</summary>
    public void Record(long chatId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Prune(_global, now, Global.Window);
            _global.Add(now);
            if (!_chats.TryGetValue(chatId, out var sent))
            {
                sent = [];
                _chats[chatId] = sent;
            }

            Prune(sent, now, chatId < 0 ? PerGroup.Window : PerChat.Window);
            sent.Add(now);
            if (_chats.Count > 1000)
            {
                ForgetIdleChats(now);
            }
        }
    }

    private static IEnumerable<Rule> RulesFor(long chatId) => chatId < 0 ? [PerChat, PerGroup] : [PerChat];

    private void ForgetIdleChats(DateTimeOffset now)
    {
        foreach (var (chatId, sent) in _chats.ToList())
        {
            Prune(sent, now, PerGroup.Window);
            if (sent.Count == 0)
            {
                _chats.Remove(chatId);
            }
        }
    }

    private static void Prune(List<DateTimeOffset> sent, DateTimeOffset now, TimeSpan window) =>
        sent.RemoveAll(at => at <= now - window);

    private sealed record Rule(int Count, TimeSpan Window)
    {
        /// <summary>Zero when fewer than <see cref="Count"/> sends fall inside the window ending now; else until the oldest of them leaves it.</summary>
        public TimeSpan Delay(List<DateTimeOffset> sent, DateTimeOffset now)
        {
            var inWindow = 0;
            for (var i = sent.Count - 1; i >= 0 && sent[i] > now - Window; i--)
            {
                inWindow++;
            }

            if (inWindow < Count)
            {
                return TimeSpan.Zero;
            }

            var oldestCounted = sent[sent.Count - Count];
            return oldestCounted + Window - now;
        }
    }
}
