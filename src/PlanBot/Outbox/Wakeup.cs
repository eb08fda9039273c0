namespace PlanBot.Outbox;

/// <summary>
/// Wakes a waiting loop early. A pulse while nobody waits is kept until the next wait, so a loop that looks
/// for work, then waits, never misses work saved in between.
/// </summary>
public class Wakeup
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _pulsed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public virtual void Pulse()
    {
        lock (_lock)
        {
            _pulsed.TrySetResult();
        }
    }

    /// <summary>Returns after a pulse or after <paramref name="max"/> on <paramref name="time"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan max, TimeProvider time, CancellationToken ct)
    {
        Task pulsed;
        lock (_lock)
        {
            pulsed = _pulsed.Task;
        }

        try
        {
            await pulsed.WaitAsync(max, time, ct);
        }
        catch (TimeoutException)
        {
            // Time to look again anyway.
        }

        // Consumed before the caller looks for work: a pulse from now on is for work this look may miss.
        lock (_lock)
        {
            if (_pulsed.Task.IsCompleted)
            {
                _pulsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

/// <summary>
/// Pulsed when new outbox rows were saved, so the senders do not wait for their next poll. Each channel's sender waits
/// on a wakeup of its own (<see cref="ForLane"/>) that every pulse reaches: one shared wakeup would be consumed by
/// whichever sender woke first, and the other would sleep through the pulse.
/// </summary>
public sealed class OutboxSignal : Wakeup
{
    private readonly Lock _lanesLock = new();
    private readonly List<Wakeup> _lanes = [];

    public Wakeup ForLane()
    {
        var lane = new Wakeup();
        lock (_lanesLock)
        {
            _lanes.Add(lane);
        }

        return lane;
    }

    public override void Pulse()
    {
        base.Pulse();
        lock (_lanesLock)
        {
            foreach (var lane in _lanes)
            {
                lane.Pulse();
            }
        }
    }
}

/// <summary>Pulsed after the sender recorded how a row's delivery went, for whoever waits for messages to go out.</summary>
public sealed class OutboxDelivered : Wakeup;
