namespace PlanBot.Plans;

/// <summary>What the owner has said about a task. The status light is computed from this and the dates.</summary>
public enum PlanTaskStatus
{
    Open,
    Blocked,
    Done,

    /// <summary>待销号: the owner reported it finished; a supervisor has not yet confirmed (销号) or sent it back (退回).</summary>
    CloseRequested,
}
