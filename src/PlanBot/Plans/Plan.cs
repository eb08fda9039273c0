namespace PlanBot.Plans;

/// <summary>One organisation's plan for one year, holding the three lists.</summary>
public sealed class Plan
{
    public int Id { get; set; }

    public int Year { get; set; }

    public required string Organisation { get; set; }

    /// <summary>Where the plan comes from (document, section), shown to supervisors.</summary>
    public string? Source { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public List<PlanTask> Tasks { get; } = [];
}
