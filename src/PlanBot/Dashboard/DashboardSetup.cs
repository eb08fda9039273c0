using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;

namespace PlanBot.Dashboard;

public static class DashboardSetup
{
    /// <summary>
    /// The /dashboard command in every bot, and the dashboard's web server when it is enabled: by Dashboard:Enabled,
    /// or else whenever the bot runs on Telegram or DingTalk (the console chat is one person on one machine).
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var configured = configuration.GetSection(DashboardOptions.Section).GetValue<bool?>(nameof(DashboardOptions.Enabled));
        var enabled = mode.IsBot() && (configured ?? (mode.IsTelegram() || mode.IsDingTalk()));
        services.AddSingleton(new DashboardState(enabled));
        services.AddSingleton<DashboardSessions>();
        services.AddScoped<DashboardViews>();
        if (mode.IsBot())
        {
            services.AddScoped<IChatCommand, DashboardCommand>();
        }

        if (enabled)
        {
            AddServer(services);
        }

        return services;
    }

    /// <summary>Kept apart, as the webhook receiver is: naming the server loads ASP.NET Core, which a disabled dashboard never needs.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddServer(IServiceCollection services) => services.AddHostedService<DashboardServer>();
}
