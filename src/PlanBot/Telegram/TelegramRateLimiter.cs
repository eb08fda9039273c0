using PlanBot.Outbox;

namespace PlanBot.Telegram;

/// <summary>
/// Telegram's sending limits: about 30 messages a second overall, one a second per private chat and 20 a minute
/// per group (negative chat ids). A slot is taken when a send starts, so sends in flight at once are all counted before
/// Telegram sees any of them. Telegram counts a request when it arrives, a one-way trip later than the slot was taken;
/// that shift is the same for every request and cancels out, so the windows carry only a margin for the trip's jitter:
/// 30 ms overall keeps a fan-out at 0.97 of 30/s with no 429 (docs/benchmarks.md).
/// </summary>
public sealed class TelegramRateLimiter(TimeProvider time) : ISendRateLimiter
{
    private static readonly Rule Global = new(30, TimeSpan.FromMilliseconds(1030));
    private static readonly Rule PerChat = new(1, TimeSpan.FromMilliseconds(1100));
    private static readonly Rule PerGroup = new(20, TimeSpan.FromSeconds(61));

    private readonly List<DateTimeOffset> _global = [];
    private readonly Dictionary<long, List<DateTimeOffset>> _chats = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public TimeSpan TryReserve(long chatId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var delay = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            var global = Global.Delay(_global, now);
            delay = global > delay ? global : delay;
            _chats.TryGetValue(chatId, out var sent);
            if (sent is not null)
            {
                foreach (var rule in RulesFor(chatId))
                {
                    var chatDelay = rule.Delay(sent, now);
                    delay = chatDelay > delay ? chatDelay : delay;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                return delay;
            }

            Prune(_global, now, Global.Window);
            _global.Add(now);
            if (sent is null)
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

            return TimeSpan.Zero;
        }
    }

    public TimeSpan NextSlotIn()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var pause = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            var global = Global.Delay(_global, now);
            return global > pause ? global : pause;
        }
    }

    public void Release(long chatId)
    {
        lock (_lock)
        {
            if (_chats.TryGetValue(chatId, out var sent) && sent.Count > 0)
            {
                var at = sent[^1];
                sent.RemoveAt(sent.Count - 1);
                _global.Remove(at);
            }
        }
    }

    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
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
