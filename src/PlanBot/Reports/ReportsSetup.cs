using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;

namespace PlanBot.Reports;

public static class ReportsSetup
{
    /// <summary>
    /// The digest, the monthly report with its circular (通报) and the plan export: their options (validated at start) and services.
    /// Provides the chat's <see cref="ISupervisorReports"/> (/digest, /report); the scheduled jobs and the CLI use the
    /// services directly.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateOnStart();
        services.AddOptions<Circular.CircularOptions>().BindConfiguration(Circular.CircularOptions.Section);
        services.AddSingleton<DigestBuilder>();
        services.AddScoped<DigestService>();
        services.AddSingleton<OverdueReportBuilder>();
        services.AddScoped<OverdueReportService>();
        services.AddSingleton<PlanExporter>();
        services.AddSingleton<ProgressTable>();
        services.AddSingleton<ISupervisorReports, SupervisorReports>();
        return services;
    }
}
