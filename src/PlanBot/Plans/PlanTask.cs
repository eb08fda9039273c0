using System.Text.RegularExpressions;

namespace PlanBot.Plans;

/// <summary>A task on one of the three lists. Named PlanTask so it never clashes with System.Threading.Tasks.Task.</summary>
public sealed partial class PlanTask
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    /// <summary>The short code people type in chat: K-01, H-03, D-12. Unique within a plan.</summary>
    public required string Code { get; set; }

    public WorkList List { get; set; }

    /// <summary>The section of the source document the task comes from, e.g. (一) 突出"全局性".</summary>
    public string Section { get; set; } = "";

    /// <summary>The numbered item and sub-point it comes from, e.g. 1. 挖掘固投潜力 · 一是.</summary>
    public string Item { get; set; } = "";

    public required string Title { get; set; }

    public string Detail { get; set; } = "";

    /// <summary>牵头单位.</summary>
    public string LeadUnit { get; set; } = "";

    public int? OwnerId { get; set; }

    public Member? Owner { get; set; }

    public List<TaskCoOwner> CoOwners { get; } = [];

    /// <summary>First day of the task's time window; the light's expected progress is measured from here.</summary>
    public DateOnly StartDate { get; set; }

    public DateOnly Deadline { get; set; }

    /// <summary>The deadline before the first extension; null while the deadline was never moved.</summary>
    public DateOnly? OriginalDeadline { get; set; }

    /// <summary>True while the deadline, milestones and owner are the seed's defaults and nobody has confirmed them.</summary>
    public bool IsDefaultSchedule { get; set; }

    public List<Milestone> Milestones { get; } = [];

    public decimal? TargetValue { get; set; }

    /// <summary>Unit of the target, e.g. 名, 家, 个, 亿元.</summary>
    public string? TargetUnit { get; set; }

    /// <summary>What is counted, e.g. 新增技能人才.</summary>
    public string? TargetLabel { get; set; }

    /// <summary>0–100.</summary>
    public int ProgressPercent { get; set; }

    /// <summary>Current value toward <see cref="TargetValue"/>.</summary>
    public decimal? CurrentValue { get; set; }

    public PlanTaskStatus Status { get; set; }

    /// <summary>The latest blocker reason while <see cref="Status"/> is Blocked.</summary>
    public string? BlockedReason { get; set; }

    public DateTime? LastUpdateAtUtc { get; set; }

    /// <summary>
    /// Counts the task's changes (one per history row that changes it; notices do not). Card buttons carry it, so a button of a card older than the
    /// last change is recognised as stale instead of undoing what happened since.
    /// </summary>
    public int Version { get; set; }

    public DateTime? DoneAtUtc { get; set; }

    /// <summary>
    /// The light the light watch (<see cref="Supervision.LightWatch"/>) last recorded for the task, and its reason; null
    /// before the first watch. Changes of it are what 提示单 and 督办单 are issued for.
    /// </summary>
    public Light? WatchedLight { get; set; }

    /// <inheritdoc cref="WatchedLight"/>
    public LightReason? WatchedReason { get; set; }

    /// <summary>The plan-zone day the <see cref="WatchedLight"/> (with its reason) began.</summary>
    public DateOnly? WatchedSince { get; set; }

    /// <summary>
    /// Ouhai's rule: the day the light watch first saw the task red while more than the red band behind its 序时进度
    /// (whatever the red's reason then). Until it has caught up (or is done) the task stays red while any shortfall
    /// remains; null when no such red stands.
    /// </summary>
    public DateOnly? RedUntilMadeUpSince { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<ProgressUpdate> History { get; } = [];

    public bool HasTarget => TargetValue is > 0;

    /// <summary>True if the member is the owner or a co-owner.</summary>
    public bool IsOwnedBy(int memberId) =>
        OwnerId == memberId || CoOwners.Any(c => c.MemberId == memberId);

    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    /// <summary>Normalises what people type ("k1", "K01", "k-1") to the stored form "K-01".</summary>
    public static string NormaliseCode(string code)
    {
        var m = LooseCodePattern().Match(code.Trim());
        if (!m.Success)
        {
            return code.Trim().ToUpperInvariant();
        }

        var number = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return $"{char.ToUpperInvariant(m.Groups[1].Value[0])}-{number:00}";
    }

    [GeneratedRegex(@"^[KHD]-\d{2,3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^([KkHhDd])-?(\d{1,3})$")]
    private static partial Regex LooseCodePattern();
}
