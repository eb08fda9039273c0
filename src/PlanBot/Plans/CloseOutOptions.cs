namespace PlanBot.Plans;

/// <summary>How a task is finished (PlanBot:CloseOut in configuration).</summary>
public sealed class CloseOutOptions
{
    public const string Section = "PlanBot:CloseOut";

    /// <summary>
    /// True (the default): an owner's "done" (or 100 %) is a request to close (申请销号, 待销号) that a supervisor confirms
    /// (销号) or sends back (退回) with a reason; the task counts as finished only once confirmed. False: done is one
    /// step, for a small office without a separate reviewer.
    /// </summary>
    public bool RequireReview { get; set; } = true;
}
