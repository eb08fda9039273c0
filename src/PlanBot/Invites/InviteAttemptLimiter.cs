using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Invites;

/// <summary>
/// Stops invite-code guessing: after <see cref="MaxFailures"/> unknown codes from one person (on any channel) within
/// <see cref="Window"/>, further codes from them are not even looked up until the oldest failure ages out.
/// Kept in memory rather than in the database: codes carry 128 random bits, so the limit is against noise and
/// abuse of the database, not a real chance of guessing; a restart forgetting the count costs nothing, and a
/// wrong guess then changes no row at all (the inbox stays the only write).
/// </summary>
public sealed class InviteAttemptLimiter(TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<ChatAddress, Queue<DateTimeOffset>> _failures = [];

    public bool IsLockedOut(ChatAddress userId)
    {
        lock (_lock)
        {
            return Recent(userId, time.GetUtcNow()) is { Count: >= MaxFailures };
        }
    }

    public void RecordFailure(ChatAddress userId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (Recent(userId, now) is not { } failures)
            {
                failures = new Queue<DateTimeOffset>();
                _failures[userId] = failures;
            }

            failures.Enqueue(now);
            Forget(now);
        }
    }

    private Queue<DateTimeOffset>? Recent(ChatAddress userId, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(userId, out var failures))
        {
            return null;
        }

        while (failures.Count > 0 && now - failures.Peek() >= Window)
        {
            failures.Dequeue();
        }

        return failures;
    }

    /// <summary>Drops users whose failures all aged out, so the map does not grow with every stranger ever seen.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var user in _failures.Where(f => f.Value.Count == 0 || now - f.Value.Last() >= Window).Select(f => f.Key).ToList())
        {
            _failures.Remove(user);
        }
    }
}
