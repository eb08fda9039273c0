using System.ComponentModel.DataAnnotations;

namespace PlanBot.Telegram;

/// <summary>PlanBot:GroupStatus — the live status message each subscribed Telegram group keeps pinned.</summary>
public sealed class GroupStatusOptions
{
    public const string Section = "PlanBot:GroupStatus";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the plan is looked at; the message is edited at most this often, and only when it changed.</summary>
    [Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 60;
}
