namespace PlanBot.Plans;

/// <summary>The status light (亮灯) shown on every task.</summary>
public enum Light
{
    /// <summary>✅ marked done.</summary>
    Done,

    /// <summary>🔴 the deadline or a milestone passed and the task is not done (or the milestone not reached).</summary>
    Overdue,

    /// <summary>🟡 blocked, stale, or due soon while clearly behind the elapsed share of its time window.</summary>
    AtRisk,

    /// <summary>🟢 everything else.</summary>
    OnTrack,
}

/// <summary>Why a task has its light; shown next to the light so nobody has to guess.</summary>
public enum LightReason
{
    Done,
    DeadlinePassed,
    MilestoneMissed,
    Blocked,
    Stale,
    BehindSchedule,
    OnTrack,
}

/// <summary>The tunable parts of the light rules (PlanBot:Light in configuration).</summary>
public sealed record LightThresholds
{
    public const string Section = "PlanBot:Light";

    /// <summary>A task with no update for this many days (or more) is stale.</summary>
    public int StaleDays { get; init; } = 14;

    /// <summary>Only tasks due within this many days can be yellow for being behind schedule.</summary>
    public int DueSoonDays { get; init; } = 30;

    /// <summary>"Clearly behind": progress is more than this many points under the elapsed share of the window.</summary>
    public int BehindByPercent { get; init; } = 20;
}

/// <summary>The facts the light depends on, as calendar dates in the plan's time zone.</summary>
public sealed record LightInput(
    PlanTaskStatus Status,
    DateOnly StartDate,
    DateOnly Deadline,
    int ProgressPercent,
    DateOnly? LastUpdate,
    IReadOnlyList<(DateOnly Date, int ExpectedPercent)> Milestones);

public readonly record struct LightResult(Light Light, LightReason Reason, int DaysOverdue)
{
    public string Emoji => Light.Emoji();
}

public static class LightExtensions
{
    /// <summary>The light as people see it: ✅ 🔴 🟡 🟢.</summary>
    public static string Emoji(this Light light) => light switch
    {
        Light.Done => "✅",
        Light.Overdue => "🔴",
        Light.AtRisk => "🟡",
        _ => "🟢",
    };
}

/// <summary>
/// Computes a task's light. Pure: same input, same light, no clock or database, so every rule and boundary is unit tested.
/// A deadline day itself is still on time; the day after it is overdue.
/// </summary>
public static class StatusLight
{
    public static LightResult Compute(LightInput task, DateOnly today, LightThresholds thresholds)
    {
        if (task.Status == PlanTaskStatus.Done)
        {
            return new(Light.Done, LightReason.Done, 0);
        }

        if (today > task.Deadline)
        {
            return new(Light.Overdue, LightReason.DeadlinePassed, today.DayNumber - task.Deadline.DayNumber);
        }

        var missed = task.Milestones
            .Where(m => today > m.Date && task.ProgressPercent < m.ExpectedPercent)
            .Select(m => (DateOnly?)m.Date)
            .Min();
        if (missed is { } missedDate)
        {
            return new(Light.Overdue, LightReason.MilestoneMissed, today.DayNumber - missedDate.DayNumber);
        }

        if (task.Status == PlanTaskStatus.Blocked)
        {
            return new(Light.AtRisk, LightReason.Blocked, 0);
        }

        var quietSince = task.LastUpdate ?? task.StartDate;
        if (today.DayNumber - quietSince.DayNumber >= thresholds.StaleDays)
        {
            return new(Light.AtRisk, LightReason.Stale, 0);
        }

        var daysLeft = task.Deadline.DayNumber - today.DayNumber;
        if (daysLeft <= thresholds.DueSoonDays
            && ExpectedPercent(task.StartDate, task.Deadline, today) - task.ProgressPercent > thresholds.BehindByPercent)
        {
            return new(Light.AtRisk, LightReason.BehindSchedule, 0);
        }

        return new(Light.OnTrack, LightReason.OnTrack, 0);
    }

    /// <summary>The share of the task's window that has elapsed by the end of <paramref name="today"/>, as 0–100.</summary>
    public static int ExpectedPercent(DateOnly start, DateOnly deadline, DateOnly today)
    {
        var total = deadline.DayNumber - start.DayNumber + 1;
        if (total <= 0)
        {
            return 100;
        }

        var elapsed = Math.Clamp(today.DayNumber - start.DayNumber + 1, 0, total);
        return (int)Math.Round(100.0 * elapsed / total, MidpointRounding.AwayFromZero);
    }
}
