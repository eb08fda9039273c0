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
/// 序时进度: the progress a task's schedule expects by the end of a day, time-proportional over its window. Without
/// milestones (节点) it is the elapsed share of the window, from 0 before its first day to 100 at the end of its deadline
/// day. Milestones set the expected percent on their dates and the schedule runs straight between them (from 0 before
/// the start, to 100 at the deadline), so a task that meets every milestone percent is never behind on those days.
/// </summary>
public static class ScheduledProgress
{
    public static int ExpectedPercent(LightInput task, DateOnly endOfDay)
    {
        if (endOfDay >= task.Deadline)
        {
            return 100;
        }

        // The schedule's points as (day number, percent) at the end of that day; the day before the start is 0.
        var from = (Day: task.StartDate.DayNumber - 1, Percent: 0);
        foreach (var (day, percent) in task.Milestones
                     .Where(m => m.Date > task.StartDate.AddDays(-1) && m.Date < task.Deadline)
                     .OrderBy(m => m.Date)
                     .Select(m => (m.Date.DayNumber, Math.Clamp(m.ExpectedPercent, 0, 100)))
                     .Append((task.Deadline.DayNumber, 100)))
        {
            if (endOfDay.DayNumber <= day)
            {
                return Between(from, (day, percent), endOfDay.DayNumber);
            }

            from = (day, percent);
        }

        return 100;
    }

    /// <summary>The straight line from one schedule point to the next, rounded to whole points; nothing before the first.</summary>
    private static int Between((int Day, int Percent) from, (int Day, int Percent) to, int day)
    {
        if (day <= from.Day)
        {
            return from.Percent;
        }

        var share = (double)(day - from.Day) / (to.Day - from.Day);
        return (int)Math.Round(from.Percent + (share * (to.Percent - from.Percent)), MidpointRounding.AwayFromZero);
    }

    public static Pace PaceOf(bool done, int actualPercent, int expectedPercent) =>
        done ? Pace.Done
        : actualPercent > expectedPercent ? Pace.Ahead
        : actualPercent == expectedPercent ? Pace.OnPace
        : Pace.Behind;
}
