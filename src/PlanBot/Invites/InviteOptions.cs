using System.ComponentModel.DataAnnotations;

namespace PlanBot.Invites;

/// <summary>PlanBot:InviteValidHours.</summary>
public sealed class InviteOptions
{
    public const string Section = "PlanBot";

    /// <summary>How long an invite code stays valid.</summary>
    [Range(1, 720)]
    public int InviteValidHours { get; set; } = 72;
}
