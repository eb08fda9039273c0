using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Reports;
using PlanBot.Supervision;
using Quartz;

namespace PlanBot.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// Reminders, digest and monthly report on a schedule: the reminder options and scanner with the light watch that
    /// issues 提示单 and 督办单, and the Quartz jobs (the digest and report services come from <see cref="ReportsSetup.AddReports"/>;
    /// the notices' chat actions from the chat feature).
    /// Quartz runs on the container's <see cref="TimeProvider"/> (Quartz 4 uses a registered one when the scheduler is
    /// given none), so a PlanBot:Clock:StartAt rehearsal or a test's fake clock drives the schedule. Needs
    /// <see cref="ITaskButtons"/> registered by the chat feature; provides the chat's <see cref="IReminderTrigger"/> (/remind). With PlanBot:Scheduler:Enabled=false nothing fires
    /// on its own (a second instance, tests); /remind, /digest and /report still work. A CLI verb runs no schedule.
    /// Every bot start looks up (or records) the <see cref="FirstStart"/>, before which nothing is caught up.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        services.AddOptions<ReminderOptions>()
            .BindConfiguration(ReminderOptions.Section)
            .PostConfigure<IConfiguration>((o, c) => o.UseConfiguredLists(c.GetSection(ReminderOptions.Section)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The digest's and the report's own options are the reports feature's; their crons are checked here.
        services.AddSingleton<IValidateOptions<DigestOptions>>(new CronValidation<DigestOptions>(DigestOptions.Section, o => o.Cron));
        services.AddSingleton<IValidateOptions<ReportOptions>>(new CronValidation<ReportOptions>(ReportOptions.Section, o => o.Cron));

        // The light watch the scan runs first, with its 提示单 and 督办单 and the monthly light snapshots (docs/supervision.md).
        services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LightSnapshots>();
        services.AddSingleton<NoticeMessages>();
        services.AddSingleton<LightWatch>();
        services.AddSingleton<FirstStart>();
        services.AddSingleton<JobTiming>();
        services.AddScoped<ReminderScanner>();
        services.AddSingleton<IReminderTrigger, ReminderTrigger>();

        if (!mode.IsBot())
        {
            return services;
        }

        // Recorded by every bot start, also without the scheduler, so a later start with it knows what was missed.
        // Registered after the storage's DatabaseStartup and before Quartz: its start-up fires already see it.
        services.AddHostedService(sp => sp.GetRequiredService<FirstStart>());
        if (!SchedulerOptions.IsEnabled(configuration))
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            AddJob<ReminderScanJob>(q, ReminderScanJob.Key, configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>()?.Cron ?? new ReminderOptions().Cron);
            AddJob<DigestJob>(q, DigestJob.Key, configuration.GetSection(DigestOptions.Section).Get<DigestOptions>()?.Cron ?? new DigestOptions().Cron);
            AddJob<MonthlyReportJob>(q, MonthlyReportJob.Key, configuration.GetSection(ReportOptions.Section).Get<ReportOptions>()?.Cron ?? new ReportOptions().Cron);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>
    /// A job with three ways to fire: its cron; a daily follow-up at the cron's time when the cron skips days (so a job
    /// whose day was a holiday runs on the next working day); and once at start-up (to catch up after downtime).
    /// Whether a fire has work to do is the service's decision, not the trigger's.
    /// </summary>
    /// <remarks>
    /// An invalid cron registers no triggers here; options validation then stops the start with a message naming the setting.
    /// </remarks>
    private static void AddJob<TJob>(IQuartzBuilder q, JobKey key, string cron)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
        if (!CronExpression.TryParse(cron, out _))
        {
            return;
        }

        q.AddTrigger((sp, t) => t
            .ForJob(key)
            .WithIdentity(key.Name + "-cron", key.Group)
            .WithCronSchedule(cron, c => c.InTimeZone(sp.GetRequiredService<PlanClock>().Zone)));
        if (!JobTiming.FiresEveryDay(cron))
        {
            q.AddTrigger((sp, t) => t
                .ForJob(key)
                .WithIdentity(key.Name + "-daily", key.Group)
                .WithCronSchedule(
                    sp.GetRequiredService<JobTiming>().DailyAtSameTime(cron),
                    c => c.InTimeZone(sp.GetRequiredService<PlanClock>().Zone)));
        }

        q.RunAtStartup(key);
    }
}
