namespace PlanBot.Plans;

/// <summary>What the owner has said about a task. The status light is computed from this and the dates.</summary>
public enum PlanTaskStatus
{
    Open,
    Blocked,
    Done,
}
