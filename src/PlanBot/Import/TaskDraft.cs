using PlanBot.Plans;

namespace PlanBot.Import;

/// <summary>A checked milestone: its date, what is due and the progress percent it stands for.</summary>
public sealed record MilestoneDraft(DateOnly Date, string Title, int ExpectedPercent);

/// <summary>
/// A task as the import wants it to be, every value checked. Owners are <see cref="Member"/> entities, possibly
/// added by the same import and not yet saved. Fields of <see cref="Omitted"/> columns are not part of the wish.
/// </summary>
public sealed record TaskDraft(
    string Code,
    WorkList List,
    string Section,
    string Item,
    string Title,
    string Detail,
    string LeadUnit,
    Member? Owner,
    IReadOnlyList<Member> CoOwners,
    DateOnly StartDate,
    DateOnly Deadline,
    IReadOnlyList<MilestoneDraft> Milestones,
    decimal? TargetValue,
    string? TargetUnit,
    string? TargetLabel,
    bool IsDefaultSchedule,
    IReadOnlySet<string> Omitted)
{
    /// <summary>True when the file has this column, so its value (even an empty one) replaces the stored one.</summary>
    public bool Sets(string column) => !Omitted.Contains(column);
}
