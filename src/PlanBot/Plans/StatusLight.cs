namespace PlanBot.Plans;

/// <summary>The status light (亮灯) shown on every task.</summary>
public enum Light
{
    /// <summary>✅ marked done.</summary>
    Done,

    /// <summary>
    /// 🔴 red for a date: the deadline passed and the task is not done (逾期, overdue), or a milestone passed unreached
    /// (节点滞后, behind a milestone). docs/lights.md.
    /// </summary>
    Red,

    /// <summary>🟡 blocked, stale, or due soon while clearly behind the elapsed share of its time window.</summary>
    AtRisk,

    /// <summary>🟢 everything else.</summary>
    OnTrack,
}

/// <summary>Why a task has its light; shown next to the light so nobody has to guess.</summary>
public enum LightReason
{
    Done,

    /// <summary>逾期: the deadline in force has passed.</summary>
    DeadlinePassed,

    /// <summary>节点滞后: a milestone's date has passed and progress is below what it expects; the deadline has not passed.</summary>
    MilestoneMissed,
    Blocked,
    Stale,
    BehindSchedule,
    OnTrack,

    /// <summary>待销号: the owner asked to close the task and a supervisor has not decided; green, and not done.</summary>
    AwaitingCloseOut,
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

/// <summary>A milestone as the light sees it.</summary>
public sealed record MilestoneInput(DateOnly Date, int ExpectedPercent, string Title = "");

/// <summary>The facts the light depends on, as calendar dates in the plan's time zone.</summary>
public sealed record LightInput(
    PlanTaskStatus Status,
    DateOnly StartDate,
    DateOnly Deadline,
    int ProgressPercent,
    DateOnly? LastUpdate,
    IReadOnlyList<MilestoneInput> Milestones);

/// <summary>A task's light, and for a red light the date it is late for and by how many working days.</summary>
/// <param name="LateSince">The deadline (逾期) or the missed milestone's date (节点滞后); null unless red.</param>
/// <param name="WorkingDaysLate">
/// Working days after <paramref name="LateSince"/> up to and including the day the light is for (0 on a weekend right
/// after a Friday deadline: red, but not yet a working day late).
/// </param>
/// <param name="MissedMilestone">The earliest missed milestone, for <see cref="LightReason.MilestoneMissed"/>.</param>
public readonly record struct LightResult(
    Light Light, LightReason Reason, DateOnly? LateSince = null, int WorkingDaysLate = 0, MilestoneInput? MissedMilestone = null)
{
    public string Emoji => Light.Emoji();
}

public static class LightExtensions
{
    /// <summary>The light as people see it: ✅ 🔴 🟡 🟢.</summary>
    public static string Emoji(this Light light) => light switch
    {
        Light.Done => "✅",
        Light.Red => "🔴",
        Light.AtRisk => "🟡",
        _ => "🟢",
    };
}

/// <summary>
/// Computes a task's light: the one rule behind every light, <c>/overdue</c>, digest, reminder, escalation and monthly
/// report (docs/lights.md). Pure: same input, same light, no clock or database, so every rule and boundary is unit tested.
/// A deadline or milestone day itself is still on time; the day after it is red. Lateness is counted in working days.
/// </summary>
public static class StatusLight
{
    public static LightResult Compute(LightInput task, DateOnly today, LightThresholds thresholds, WorkingDayCalendar calendar)
    {
        if (task.Status == PlanTaskStatus.Done)
        {
            return new(Light.Done, LightReason.Done);
        }

        if (task.Status == PlanTaskStatus.CloseRequested)
        {
            // 待销号: the owner says it is finished and a supervisor decides; neither late nor done until then.
            return new(Light.OnTrack, LightReason.AwaitingCloseOut);
        }

        if (today > task.Deadline)
        {
            return new(Light.Red, LightReason.DeadlinePassed, task.Deadline, calendar.WorkingDaysBetween(task.Deadline, today));
        }

        var missed = task.Milestones
            .Where(m => today > m.Date && task.ProgressPercent < m.ExpectedPercent)
            .OrderBy(m => m.Date)
            .FirstOrDefault();
        if (missed is not null)
        {
            return new(Light.Red, LightReason.MilestoneMissed, missed.Date, calendar.WorkingDaysBetween(missed.Date, today), missed);
        }

        if (task.Status == PlanTaskStatus.Blocked)
        {
            return new(Light.AtRisk, LightReason.Blocked);
        }

        var quietSince = task.LastUpdate ?? task.StartDate;
        if (today.DayNumber - quietSince.DayNumber >= thresholds.StaleDays)
        {
            return new(Light.AtRisk, LightReason.Stale);
        }

        var daysLeft = task.Deadline.DayNumber - today.DayNumber;
        if (daysLeft <= thresholds.DueSoonDays
            && ExpectedPercent(task.StartDate, task.Deadline, today) - task.ProgressPercent > thresholds.BehindByPercent)
        {
            return new(Light.AtRisk, LightReason.BehindSchedule);
        }

        return new(Light.OnTrack, LightReason.OnTrack);
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
