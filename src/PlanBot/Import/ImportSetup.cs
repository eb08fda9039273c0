using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Import;

public static class ImportSetup
{
    /// <summary>The plan and roster importers and the first-run seeding that DatabaseStartup runs after migrating.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton<PlanImporter>();
        services.AddSingleton<RosterImporter>();
        services.AddSingleton<FirstRunSeeder>();
        return services;
    }
}
