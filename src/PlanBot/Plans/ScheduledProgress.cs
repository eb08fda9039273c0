namespace PlanBot.Plans;

/// <summary>Where a task stands against its 序时进度 (the progress its schedule expects by a date).</summary>
public enum Pace
{
    /// <summary>已完成: done.</summary>
    Done,

    /// <summary>超序时进度: ahead of what the schedule expects.</summary>
    Ahead,

    /// <summary>达序时进度: exactly where the schedule expects.</summary>
    OnPace,

    /// <summary>欠序时进度: below what the schedule expects.</summary>
    Behind,
}

/// <summary>
/// 序时进度: the progress a task's schedule expects by the end of a day. With milestones (节点) it is the percent of the
/// latest milestone on or before that day (0 before the first); without, the elapsed share of the task's window. From
/// the deadline on it is 100. So a task behind a milestone or overdue (docs/lights.md) is always behind its 序时进度.
/// </summary>
public static class ScheduledProgress
{
    public static int ExpectedPercent(LightInput task, DateOnly endOfDay)
    {
        if (endOfDay >= task.Deadline)
        {
            return 100;
        }

        if (task.Milestones.Count > 0)
        {
            return task.Milestones.Where(m => m.Date <= endOfDay).MaxBy(m => m.Date)?.ExpectedPercent ?? 0;
        }

        return StatusLight.ExpectedPercent(task.StartDate, task.Deadline, endOfDay);
    }

    public static Pace PaceOf(bool done, int actualPercent, int expectedPercent) =>
        done ? Pace.Done
        : actualPercent > expectedPercent ? Pace.Ahead
        : actualPercent == expectedPercent ? Pace.OnPace
        : Pace.Behind;
}
