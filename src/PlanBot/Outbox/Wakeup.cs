namespace PlanBot.Outbox;

/// <summary>
/// Wakes a waiting loop early. A pulse while nobody waits is kept until the next wait, so a loop that looks
/// for work, then waits, never misses work saved in between.
/// </summary>
public class Wakeup
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _pulsed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse()
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

/// <summary>Pulsed when new outbox rows were saved, so the sender does not wait for its next poll.</summary>
public sealed class OutboxSignal : Wakeup;

/// <summary>Pulsed after the sender recorded how a row's delivery went, for whoever waits for messages to go out.</summary>
public sealed class OutboxDelivered : Wakeup;
