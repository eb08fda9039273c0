
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>A channel's sending limits: overall, per chat, and per group chat (each a count within a window).</summary>
public sealed record SendLimits(SendLimits.Rule Global, SendLimits.Rule PerChat, SendLimits.Rule PerGroup, Func<ChatAddress, bool> IsGroup)
{
    public sealed record Rule(int Count, TimeSpan Window)
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

/// <summary>
/// A channel's limiter (Telegram's: <see cref="Telegram.TelegramRateLimiter"/>; DingTalk's: <see cref="DingTalk.DingTalkRateLimiter"/>).
/// A slot is taken before a send starts, so sends in flight at once are all counted
/// before the channel sees any of them. Telegram (like any server) counts a request when it arrives, which can be well after it started (a
/// new connection's handshake, a cold start); a slot counted from the start would then expire early and let a later
/// send arrive inside the same second. So once the answer is back the slot moves to the answer's time less the
/// shortest round trip seen lately: never before the request could have arrived, and in steady traffic about when it
/// started. Counted that way, two sends a window apart also arrive about a window apart, whatever the network's jitter, so
/// the overall window carries only a 10 ms margin: a 3,000-reminder fan-out reached 0.96 of 30/s with no 429 over a
/// 100 ms ±20 % network, and on loopback (docs/benchmarks.md).
/// </summary>
public class SlidingWindowRateLimiter(TimeProvider time, SendLimits limits) : ISendRateLimiter
{
    private readonly SendLimits.Rule Global = limits.Global;
    private readonly SendLimits.Rule PerChat = limits.PerChat;
    private readonly SendLimits.Rule PerGroup = limits.PerGroup;

    private readonly List<DateTimeOffset> _global = [];
    private readonly Dictionary<ChatAddress, List<DateTimeOffset>> _chats = [];
    private readonly Lock _lock = new();
    private readonly Queue<TimeSpan> _roundTrips = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>How many recent round trips the shortest is taken from: enough to see a quiet moment of the network.</summary>
    private const int RoundTripsKept = 32;

    public TimeSpan TryReserve(ChatAddress chatId)
    {
        lock (_lock)
        {
            // Read under the lock, as in every method here: the lists stay in time order whichever thread comes first.
            var now = time.GetUtcNow();
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

            Prune(sent, now, limits.IsGroup(chatId) ? PerGroup.Window : PerChat.Window);
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
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var pause = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            var global = Global.Delay(_global, now);
            return global > pause ? global : pause;
        }
    }

    public void Release(ChatAddress chatId)
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

    public void Restamp(ChatAddress chatId)
    {
        lock (_lock)
        {
            Move(chatId, time.GetUtcNow());
        }
    }

    public void Answered(ChatAddress chatId, DateTimeOffset startedAt)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _roundTrips.Enqueue(now - startedAt);
            if (_roundTrips.Count > RoundTripsKept)
            {
                _roundTrips.Dequeue();
            }

            // Until enough answers were seen, any of them may have waited for a cold start: count the slot from the answer.
            var arrivedBy = _roundTrips.Count < RoundTripsKept ? now : now - _roundTrips.Min();
            Move(chatId, arrivedBy);
        }
    }

    /// <summary>
    /// Moves the chat's newest slot (one send in flight per chat: this send's) later, to <paramref name="to"/>, and its
    /// overall slot with it; an overall slot already pruned (its send took longer than the window) comes back while the
    /// new time is still inside the window. Called under the lock.
    /// </summary>
    private void Move(ChatAddress chatId, DateTimeOffset to)
    {
        if (!_chats.TryGetValue(chatId, out var sent) || sent.Count == 0 || sent[^1] >= to)
        {
            return;
        }

        _global.Remove(sent[^1]);
        sent[^1] = to;
        if (to > time.GetUtcNow() - Global.Window)
        {
            _global.Insert(_global.FindLastIndex(stamp => stamp <= to) + 1, to);
        }
    }

    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
        }
    }

    private IEnumerable<SendLimits.Rule> RulesFor(ChatAddress chatId) => limits.IsGroup(chatId) ? [PerChat, PerGroup] : [PerChat];

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
}
