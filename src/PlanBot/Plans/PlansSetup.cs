using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Plans;

public static class PlansSetup
{
    /// <summary>
    /// The light rule (<see cref="TaskLights"/>) and its tunable thresholds (PlanBot:Light), checked at start-up, and
    /// whether finishing a task needs a supervisor's close-out (PlanBot:CloseOut).
    /// </summary>
    public static IServiceCollection AddPlanRules(this IServiceCollection services)
    {
        services.AddOptions<LightThresholds>()
            .BindConfiguration(LightThresholds.Section)
            .Validate(
                t => t.StaleDays >= 1 && t.YellowBehindPoints is >= 0 and <= 100 && t.RedBehindPoints is >= 0 and <= 100
                     && t.YellowBehindPoints <= t.RedBehindPoints,
                "PlanBot:Light needs StaleDays ≥ 1, and YellowBehindPoints ≤ RedBehindPoints, both between 0 and 100.")
            .ValidateOnStart();
        services.AddOptions<CloseOutOptions>().BindConfiguration(CloseOutOptions.Section).ValidateOnStart();
        services.AddSingleton<TaskLights>();
        return services;
    }
}
