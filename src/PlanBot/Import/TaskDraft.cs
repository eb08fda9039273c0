using PlanBot.Plans;

namespace PlanBot.Import;

/// <summary>A checked milestone: its date, what is due and the progress percent it stands for.</summary>
public sealed record MilestoneDraft(DateOnly Date, string Title, int ExpectedPercent);

/// <summary>
/// A task as the import wants it to be, every value checked. Owners are <see cref="Member"/> entities, possibly
/// added by the same import and not yet saved.
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
    bool IsDefaultSchedule);
