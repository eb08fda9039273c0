namespace PlanBot.Clock;

/// <summary>
/// A clock that starts at a chosen instant and then runs on in real time (PlanBot:Clock:StartAt),
/// so a rehearsal on the 2024 plan sees deadlines and schedules fire as they would have then.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly TimeSpan _offset;

    public ShiftedTimeProvider(TimeProvider inner, DateTimeOffset startAt)
    {
        _inner = inner;
        _offset = startAt - inner.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}
