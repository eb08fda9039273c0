namespace PlanBot.Plans;

/// <summary>
/// A task's light as it stood when a month ended, kept once that month is over (history, never recomputed), so any
/// past month's lights are shown as they were even after the rule's thresholds, the milestones or the latch changed.
/// Taken by the light watch on its first run after the month (<see cref="Supervision.LightWatch"/>), or by the first
/// report of that month, whichever comes first.
/// </summary>
public sealed class LightSnapshot
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>The month, "yyyy-MM".</summary>
    public required string Month { get; set; }

    public Light Light { get; set; }

    public LightReason Reason { get; set; }

    /// <summary>The date a red task was late for (deadline or missed milestone).</summary>
    public DateOnly? LateSince { get; set; }

    public int WorkingDaysLate { get; set; }

    public int BehindPoints { get; set; }

    /// <summary>Red only by Ouhai's rule: not far behind by the points any more, but the shortfall not yet made up.</summary>
    public bool RedUntilMadeUp { get; set; }

    /// <summary>Progress at the month's end.</summary>
    public int ProgressPercent { get; set; }

    /// <summary>序时进度 by the month's last day.</summary>
    public int ScheduledPercent { get; set; }

    public DateTime TakenAtUtc { get; set; }

    /// <summary>The kept light as the light rule's result; the missed milestone is looked up on <paramref name="task"/>.</summary>
    public LightResult ToLightResult(PlanTask task) => new(
        Light,
        Reason,
        LateSince,
        WorkingDaysLate,
        Reason == LightReason.MilestoneMissed
            ? task.Milestones.Where(m => m.Date == LateSince).Select(m => new MilestoneInput(m.Date, m.ExpectedPercent, m.Title)).FirstOrDefault()
            : null,
        BehindPoints)
    {
        IsFarBehindNow = Reason == LightReason.FarBehindSchedule && !RedUntilMadeUp,
    };
}
