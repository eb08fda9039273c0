namespace PlanBot.Dashboard;

/// <summary>Whether this process serves the dashboard (decided once from the run mode and Dashboard:Enabled), and where it listens.</summary>
public sealed class DashboardState(bool enabled)
{
    public bool Enabled => enabled;

    /// <summary>The address the server bound, once it started (a test's port 0 becomes a real port here).</summary>
    public string? ListeningOn { get; set; }

    /// <summary>Where people open the page, without a trailing slash: Dashboard:PublicUrl, else <see cref="ListeningOn"/>.</summary>
    public string PublicUrl { get; set; } = "";
}
