using System.ComponentModel.DataAnnotations;

namespace PlanBot.Supervision;

/// <summary>The 提示单 and 督办单 (PlanBot:Notices in configuration). docs/supervision.md.</summary>
public sealed class NoticeOptions
{
    public const string Section = "PlanBot:Notices";

    /// <summary>Whether lights turning yellow for being behind, or red, issue notices at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Working days after the day of issue by which the owner signs for a notice and replies.</summary>
    [Range(1, 30)]
    public int ReplyWorkingDays { get; set; } = 3;
}
