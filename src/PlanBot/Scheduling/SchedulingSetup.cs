using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Common;

namespace PlanBot.Scheduling;

public static class SchedulingSetup
{
    /// <summary>The working-day calendar, loaded once from PlanBot:HolidaysPath.</summary>
    public static IServiceCollection AddWorkingDays(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
            WorkingDayCalendar.Load(SeedFiles.Resolve(sp.GetRequiredService<IOptions<PlanBotOptions>>().Value.HolidaysPath)));
        return services;
    }
}
