namespace PlanBot.Plans;

/// <summary>The status light (亮灯) shown on every task.</summary>
public enum Light
{
    /// <summary>✅ marked done (销号 confirmed, or done where close-outs need no review).</summary>
    Done,

    /// <summary>
    /// 🔴 red: the deadline passed unfinished (逾期), a milestone passed unreached (节点滞后), or progress is more than
    /// <see cref="LightThresholds.RedBehindPoints"/> points behind its 序时进度 (严重滞后). docs/lights.md.
    /// </summary>
    Red,

    /// <summary>🟡 yellow: behind its 序时进度 by more than <see cref="LightThresholds.YellowBehindPoints"/>, blocked, or stale.</summary>
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

    /// <summary>🟡 落后序时进度: more than <see cref="LightThresholds.YellowBehindPoints"/> points behind.</summary>
    BehindSchedule,
    OnTrack,

    /// <summary>
    /// 🔴 严重滞后: more than <see cref="LightThresholds.RedBehindPoints"/> points behind its 序时进度, or still behind at
    /// all after having been (Ouhai's rule: the red stays until the shortfall is made up).
    /// </summary>
    FarBehindSchedule,

    /// <summary>待销号: the owner asked to close the task and a supervisor has not decided; green, and not done.</summary>
    AwaitingCloseOut,
}

/// <summary>The tunable parts of the light rules (PlanBot:Light in configuration).</summary>
public sealed record LightThresholds
{
    public const string Section = "PlanBot:Light";

    /// <summary>A task with no update for this many days (or more) is stale.</summary>
    public int StaleDays { get; init; } = 14;

    /// <summary>🟡 when progress is more than this many percentage points behind its 序时进度.</summary>
    public int YellowBehindPoints { get; init; } = 10;

    /// <summary>🔴 when progress is more than this many percentage points behind its 序时进度.</summary>
    public int RedBehindPoints { get; init; } = 30;
}

/// <summary>A milestone as the light sees it.</summary>
public sealed record MilestoneInput(DateOnly Date, int ExpectedPercent, string Title = "");

/// <summary>The facts the light depends on, as calendar dates in the plan's time zone.</summary>
/// <param name="WasRedForBeingBehind">
/// The light watch saw the task red while far behind and it has not caught up since (<see cref="PlanTask.RedUntilMadeUpSince"/>):
/// it stays red while any shortfall remains (Ouhai's rule), not only while the shortfall is above the red band.
/// </param>
public sealed record LightInput(
    PlanTaskStatus Status,
    DateOnly StartDate,
    DateOnly Deadline,
    int ProgressPercent,
    DateOnly? LastUpdate,
    IReadOnlyList<MilestoneInput> Milestones,
    bool WasRedForBeingBehind = false);

/// <summary>A task's light, and for a red light the date it is late for and by how many working days.</summary>
/// <param name="LateSince">The deadline (逾期) or the missed milestone's date (节点滞后); null unless red.</param>
/// <param name="WorkingDaysLate">
/// Working days after <paramref name="LateSince"/> up to and including the day the light is for (0 on a weekend right
/// after a Friday deadline: red, but not yet a working day late).
/// </param>
/// <param name="MissedMilestone">The earliest missed milestone, for <see cref="LightReason.MilestoneMissed"/>.</param>
/// <param name="BehindPoints">
/// Percentage points the progress is behind its 序时进度 (<see cref="ScheduledProgress"/>) at the end of the day before;
/// 0 when on or ahead of it, and for done tasks.
/// </param>
public readonly record struct LightResult(
    Light Light,
    LightReason Reason,
    DateOnly? LateSince = null,
    int WorkingDaysLate = 0,
    MilestoneInput? MissedMilestone = null,
    int BehindPoints = 0)
{
    public string Emoji => Light.Emoji();

    /// <summary>Red for a date (逾期 or 节点滞后): late since <see cref="LateSince"/>, counted in working days.</summary>
    public bool IsLate => LateSince is not null;

    /// <summary>Red or yellow for being behind its 序时进度 (the kinds a 提示单 or 督办单 is about when no date has passed).</summary>
    public bool IsBehindSchedule => Reason is LightReason.BehindSchedule or LightReason.FarBehindSchedule;

    /// <summary>Red for being far behind by the points alone, not only kept red by Ouhai's rule.</summary>
    public bool IsFarBehindNow { get; init; }
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
/// Computes a task's light: the one rule behind every light, <c>/overdue</c>, digest, reminder, notice, escalation and
/// monthly report (docs/lights.md). Pure: same input, same light, no clock or database, so every rule and boundary is
/// unit tested. A deadline or milestone day itself is still on time; the day after it is red. Lateness is counted in
/// working days; being behind in percentage points against the 序时进度 at the end of the day before, so a day's own
/// share of the schedule is not yet owed while the day lasts.
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

        var behind = Math.Max(0, ScheduledProgress.ExpectedPercent(task, today.AddDays(-1)) - task.ProgressPercent);
        if (today > task.Deadline)
        {
            return new(Light.Red, LightReason.DeadlinePassed, task.Deadline, calendar.WorkingDaysBetween(task.Deadline, today), BehindPoints: behind);
        }

        var missed = task.Milestones
            .Where(m => today > m.Date && task.ProgressPercent < m.ExpectedPercent)
            .OrderBy(m => m.Date)
            .FirstOrDefault();
        if (missed is not null)
        {
            return new(Light.Red, LightReason.MilestoneMissed, missed.Date, calendar.WorkingDaysBetween(missed.Date, today), missed, behind);
        }

        if (behind > thresholds.RedBehindPoints || (task.WasRedForBeingBehind && behind > 0))
        {
            return new(Light.Red, LightReason.FarBehindSchedule, BehindPoints: behind) { IsFarBehindNow = behind > thresholds.RedBehindPoints };
        }

        if (behind > thresholds.YellowBehindPoints)
        {
            return new(Light.AtRisk, LightReason.BehindSchedule, BehindPoints: behind);
        }

        if (task.Status == PlanTaskStatus.Blocked)
        {
            return new(Light.AtRisk, LightReason.Blocked, BehindPoints: behind);
        }

        var quietSince = task.LastUpdate ?? task.StartDate;
        if (today.DayNumber - quietSince.DayNumber >= thresholds.StaleDays)
        {
            return new(Light.AtRisk, LightReason.Stale, BehindPoints: behind);
        }

        return new(Light.OnTrack, LightReason.OnTrack, BehindPoints: behind);
    }
}
