namespace PlanBot.Plans;

public enum ProgressKind
{
    Percent,

    /// <summary>A value toward the task's numeric target; <see cref="ProgressInput.Percent"/> is derived from it.</summary>
    Value,
    Done,
    Note,
}

/// <summary>What an owner said about a task, understood (chat parses it; <see cref="PlanTask.RecordProgress"/> applies it).</summary>
public sealed record ProgressInput(ProgressKind Kind, int Percent = 0, decimal? Value = null, string? Note = null);
