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
                t => t.StaleDays >= 1 && t.DueSoonDays >= 0 && t.BehindByPercent is >= 0 and <= 100,
                "PlanBot:Light needs StaleDays ≥ 1, DueSoonDays ≥ 0 and BehindByPercent between 0 and 100.")
            .ValidateOnStart();
        services.AddOptions<CloseOutOptions>().BindConfiguration(CloseOutOptions.Section).ValidateOnStart();
        services.AddSingleton<TaskLights>();
        return services;
    }
}
