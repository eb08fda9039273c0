namespace PlanBot.Plans;

/// <summary>A dated checkpoint (节点) of a task, with the progress expected by then.</summary>
public sealed class Milestone
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public DateOnly Date { get; set; }

    public required string Title { get; set; }

    /// <summary>The task's progress percent that counts as this milestone reached.</summary>
    public int ExpectedPercent { get; set; }
}
