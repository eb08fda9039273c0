namespace PlanBot.Import;

/// <summary>The progress a milestone stands for when the file does not say.</summary>
public static class ExpectedPercents
{
    /// <summary>
    /// Milestone k (1-based, by date) of n gets round(100·k/n), where n counts the milestones plus one when the last
    /// milestone falls before the deadline: the deadline itself is then the final step, and a last milestone on the
    /// deadline day expects 100.
    /// </summary>
    public static int Default(int k, int milestoneCount, DateOnly lastMilestone, DateOnly deadline)
    {
        var steps = milestoneCount + (lastMilestone < deadline ? 1 : 0);
        return (int)Math.Round(100.0 * k / steps, MidpointRounding.AwayFromZero);
    }
}
