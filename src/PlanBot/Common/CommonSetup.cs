using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlanBot.Plans;

namespace PlanBot.Common;

public static class CommonSetup
{
    /// <summary>Options, the clock (shifted when PlanBot:Clock:StartAt is set) and the plan's time zone.</summary>
    public static IServiceCollection AddPlanBotCommon(this IServiceCollection services)
    {
        services.AddOptions<PlanBotOptions>()
            .BindConfiguration(PlanBotOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Tests register their own FakeTimeProvider first; TryAdd keeps it.
        services.TryAddSingleton<TimeProvider>(sp =>
        {
            var startAt = sp.GetRequiredService<IOptions<PlanBotOptions>>().Value.Clock.StartAt;
            return startAt is { } at ? new ShiftedTimeProvider(TimeProvider.System, at) : TimeProvider.System;
        });
        services.AddSingleton<PlanClock>();
        return services;
    }

    /// <summary>The working-day calendar (a domain rule in Plans/), loaded once from PlanBot:HolidaysPath.</summary>
    public static IServiceCollection AddWorkingDays(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
            WorkingDayCalendar.Load(SeedFiles.Resolve(sp.GetRequiredService<IOptions<PlanBotOptions>>().Value.HolidaysPath)));
        return services;
    }
}
