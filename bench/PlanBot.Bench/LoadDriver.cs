using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// One update of a run: when it was queued at the fake, served by getUpdates, and answered, all as the fake (Telegram)
/// saw them. <paramref name="NetworkMs"/> is what the network added between serving and answer: the getUpdates
/// answer's way to the bot and the send's way back to Telegram (zero on loopback).
/// </summary>
public sealed record UpdateTiming(long ChatId, long UpdateId, DateTimeOffset QueuedAt, DateTimeOffset ServedAt, ApiCall Answer, double NetworkMs)
{
    /// <summary>Served → answered: what the bot took plus one network round trip.</summary>
    public double LatencyMs => (Answer.At - ServedAt).TotalMilliseconds;

    /// <summary>Served → answered less the network's part: the bot's own share.</summary>
    public double BotMs => LatencyMs - NetworkMs;

    /// <summary>Queued → answered: as a user would see it at Telegram, including waiting for the bot's next poll to arrive.</summary>
    public double UserMs => (Answer.At - QueuedAt).TotalMilliseconds;
}

/// <summary>What a run measured.</summary>
public sealed record LoadResult(IReadOnlyList<UpdateTiming> Updates, int UnmatchedSends)
{
    public TimeSpan Elapsed => Updates.Max(u => u.Answer.At) - Updates.Min(u => u.QueuedAt);

    public double PerSecond => Updates.Count / Elapsed.TotalSeconds;

    public double P(double percent) => Stats.Percentile(Updates.Select(u => u.LatencyMs).ToList(), percent);

    public double BotP(double percent) => Stats.Percentile(Updates.Select(u => u.BotMs).ToList(), percent);

    public double UserP(double percent) => Stats.Percentile(Updates.Select(u => u.UserMs).ToList(), percent);

    public double NetworkMedian => Stats.Median(Updates.Select(u => u.NetworkMs).ToList());

    public string Summary =>
        $"{Updates.Count} updates in {Elapsed.TotalSeconds:F1} s = {PerSecond:F1} updates/s; latency p50 {P(50):F1} ms, p95 {P(95):F1} ms, p99 {P(99):F1} ms"
        + (NetworkMedian > 0
            ? $" (of it the network median {NetworkMedian:F1} ms; without it p50 {BotP(50):F1}, p95 {BotP(95):F1}, p99 {BotP(99):F1} ms; "
                + $"queued→answered p50 {UserP(50):F1}, p95 {UserP(95):F1}, p99 {UserP(99):F1} ms)"
            : "")
        + (UnmatchedSends > 0 ? $"; {UnmatchedSends} sends matched no waiting update" : "");
}

/// <summary>
/// Drives a bot through the fake Bot API, closed loop per chat: each chat has at most one update waiting for its
/// answer (the first message sent or edited in that chat), and at most <c>concurrency</c> chats wait at once. One
/// update in flight per chat keeps the matching of answers to updates exact.
/// </summary>
public sealed class LoadDriver(FakeBotApiServer api)
{
    private static readonly string[] AnswerMethods = ["sendMessage", "editMessageText", "editMessageReplyMarkup"];
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private int _seen;
    private readonly List<ApiCall> _polls = [];

    /// <summary>Sends <paramref name="perChat"/> updates from each chat; <paramref name="send"/> queues update k of a chat and returns its id.</summary>
    public async Task<LoadResult> RunAsync(IReadOnlyList<long> chats, int perChat, int concurrency, Func<long, int, long> send)
    {
        var next = chats.ToDictionary(c => c, _ => 0);
        var idle = new Queue<long>(chats);
        var waiting = new Dictionary<long, (long UpdateId, DateTimeOffset QueuedAt)>();
        var answered = new List<(long ChatId, long UpdateId, DateTimeOffset QueuedAt, ApiCall Answer)>();
        var unmatched = 0;
        var expected = chats.Count * perChat;
        var lastProgress = TimeProvider.System.GetUtcNow();

        while (answered.Count < expected)
        {
            while (waiting.Count < concurrency && idle.Count > 0)
            {
                var chat = idle.Dequeue();
                var k = next[chat]++;
                var queuedAt = TimeProvider.System.GetUtcNow();
                waiting[chat] = (send(chat, k), queuedAt);
            }

            var seenBefore = _seen;
            IReadOnlyList<ApiCall> calls;
            try
            {
                calls = await api.WaitForAsync(cs => cs.Count > seenBefore, TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                calls = [];
            }

            for (; _seen < calls.Count; _seen++)
            {
                var call = calls[_seen];
                if (call.Method == "getUpdates")
                {
                    _polls.Add(call);
                    continue;
                }

                if (!call.Succeeded || !AnswerMethods.Contains(call.Method) || call.ChatId is not { } chat)
                {
                    continue;
                }

                if (!waiting.Remove(chat, out var update))
                {
                    unmatched++;
                    continue;
                }

                answered.Add((chat, update.UpdateId, update.QueuedAt, call));
                lastProgress = call.At;
                if (next[chat] < perChat)
                {
                    idle.Enqueue(chat);
                }
            }

            if (TimeProvider.System.GetUtcNow() - lastProgress > StallTimeout)
            {
                throw new TimeoutException($"No answer for {StallTimeout.TotalSeconds} s; {answered.Count} of {expected} answered, {waiting.Count} waiting.");
            }
        }

        return new LoadResult(answered.Select(a => Timing(a.ChatId, a.UpdateId, a.QueuedAt, a.Answer)).ToList(), unmatched);
    }

    private UpdateTiming Timing(long chatId, long updateId, DateTimeOffset queuedAt, ApiCall answer)
    {
        var poll = ServedBy(updateId, queuedAt);
        var network = (poll is null ? TimeSpan.Zero : api.LegsOf(poll).FromTelegram) + api.LegsOf(answer).ToTelegram;
        return new UpdateTiming(chatId, updateId, queuedAt, poll?.At ?? queuedAt, answer, network.TotalMilliseconds);
    }

    /// <summary>The first getUpdates answered after the update was queued whose offset covers it.</summary>
    private ApiCall? ServedBy(long updateId, DateTimeOffset queuedAt)
    {
        var low = 0;
        var high = _polls.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_polls[middle].At < queuedAt)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _polls.Count; i++)
        {
            if (((long?)_polls[i].Parameters["offset"] ?? 0) <= updateId)
            {
                return _polls[i];
            }
        }

        return null;
    }
}
