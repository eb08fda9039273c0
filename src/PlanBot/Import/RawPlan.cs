namespace PlanBot.Import;

/// <summary>A milestone as written in the file, not yet checked.</summary>
public sealed record RawMilestone(string? Date, string? Title, string? Percent);

/// <summary>A task as written in the file (JSON or one sheet row), every value still text, not yet checked.</summary>
public sealed record RawTask(RecordRef Ref)
{
    public string? Code { get; init; }
    public string? List { get; init; }
    public string? Section { get; init; }
    public string? Item { get; init; }
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public string? LeadUnit { get; init; }
    public string? Owner { get; init; }
    public IReadOnlyList<string> CoOwners { get; init; } = [];
    public string? StartDate { get; init; }
    public string? Deadline { get; init; }
    public IReadOnlyList<RawMilestone> Milestones { get; init; } = [];
    public string? TargetValue { get; init; }
    public string? TargetUnit { get; init; }
    public string? TargetLabel { get; init; }
    public string? Defaults { get; init; }

    /// <summary>Columns the sheet does not have at all: an update leaves those fields as they are stored.</summary>
    public IReadOnlySet<string> Omitted { get; init; } = new HashSet<string>();
}

/// <summary>
/// A plan file as read: which plan it names (JSON always; a sheet through year/organisation columns, else null)
/// and its tasks.
/// </summary>
public sealed record RawPlan(string File, int? Year, string? Organisation, string? Source, IReadOnlyList<RawTask> Tasks);
