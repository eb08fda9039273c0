using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Clock;

public static class ClockSetup
{
    /// <summary>
    /// The clock (shifted when PlanBot:Clock:StartAt is set), the plan's time zone and the working-day calendar
    /// (a domain rule in Plans/, loaded once from PlanBot:HolidaysPath), with a warning at start when it does not cover
    /// today or a deadline.
    /// </summary>
    public static IServiceCollection AddPlanClock(this IServiceCollection services)
    {
        services.AddOptions<ClockOptions>()
            .BindConfiguration(ClockOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Tests register their own FakeTimeProvider first; TryAdd keeps it.
        services.TryAddSingleton<TimeProvider>(sp =>
        {
            var startAt = sp.GetRequiredService<IOptions<ClockOptions>>().Value.Clock.StartAt;
            return startAt is { } at ? new ShiftedTimeProvider(TimeProvider.System, at) : TimeProvider.System;
        });
        services.AddSingleton<PlanClock>();
        services.AddSingleton(sp =>
            WorkingDayCalendar.Load(SeedFiles.Resolve(sp.GetRequiredService<IOptions<ClockOptions>>().Value.HolidaysPath)));
        services.AddSingleton<CalendarCoverage>();
        services.AddHostedService<CalendarCoverageCheck>();
        return services;
    }
}
