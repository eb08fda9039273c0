namespace PlanBot.Plans;

public enum ExtensionStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>An owner's request for a later deadline, decided by a supervisor.</summary>
public sealed class ExtensionRequest
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public PlanTask? Task { get; set; }

    public int RequestedById { get; set; }

    public DateOnly RequestedDeadline { get; set; }

    public string Reason { get; set; } = "";

    public ExtensionStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int? DecidedById { get; set; }

    public DateTime? DecidedAtUtc { get; set; }
}
