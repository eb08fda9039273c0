using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Quartz;

namespace PlanBot.Scheduling;

/// <summary>PlanBot:Scheduler — whether the scheduled jobs (reminder scan, digest, monthly report) run at all.</summary>
public static class SchedulerOptions
{
    public const string Section = "PlanBot:Scheduler";

    /// <summary>
    /// PlanBot:Scheduler:Enabled (default true). Read while the services are composed, because it decides whether
    /// Quartz is registered, so it is a plain configuration value rather than bound options.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(Section + ":Enabled", true);
}

/// <summary>PlanBot:Reminders — the daily reminder scan.</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string Section = "PlanBot:Reminders";

    /// <summary>Quartz cron in PlanBot:TimeZone: when the scan runs (default 09:00 every day; non-working days are skipped).</summary>
    public string Cron { get; set; } = "0 0 9 ? * *";

    /// <summary>Owners are reminded this many days before each deadline and each milestone (0 = on the day).</summary>
    public List<int> DaysBefore { get; set; } = [7, 3, 1, 0];

    /// <summary>True: owners get an overdue reminder every working day; false: once, when the task becomes overdue.</summary>
    public bool OverdueEveryWorkingDay { get; set; } = true;

    /// <summary>Supervisors are told when a task is this many working days overdue.</summary>
    public List<int> EscalateAfterDaysOverdue { get; set; } = [3, 7];

    /// <summary>A task with no update for this many days gets a check-in request (at most once per this many days).</summary>
    public int StaleDays { get; set; } = 14;

    /// <summary>Scan on working days only (official holidays skipped, make-up weekends included).</summary>
    public bool WorkingDaysOnly { get; set; } = true;

    /// <summary>
    /// Takes the configured lists as they are. The configuration binder adds configured items to a list's defaults
    /// (DaysBefore:0=5 would give 7, 3, 1, 0, 5), so the lists are read again after binding.
    /// </summary>
    public void UseConfiguredLists(IConfiguration section)
    {
        if (section.GetSection(nameof(DaysBefore)).Get<List<int>>() is { } days)
        {
            DaysBefore = days;
        }

        if (section.GetSection(nameof(EscalateAfterDaysOverdue)).Get<List<int>>() is { } levels)
        {
            EscalateAfterDaysOverdue = levels;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in CronCheck.Validate(Section, Cron))
        {
            yield return error;
        }

        if (DaysBefore.Count == 0 || DaysBefore.Any(d => d is < 0 or > 366))
        {
            yield return new ValidationResult($"{Section}:DaysBefore needs one or more whole numbers of days between 0 and 366.", [nameof(DaysBefore)]);
        }

        if (EscalateAfterDaysOverdue.Any(d => d is < 1 or > 366))
        {
            yield return new ValidationResult($"{Section}:EscalateAfterDaysOverdue needs whole numbers of working days between 1 and 366.", [nameof(EscalateAfterDaysOverdue)]);
        }

        if (StaleDays is < 1 or > 366)
        {
            yield return new ValidationResult($"{Section}:StaleDays must be between 1 and 366.", [nameof(StaleDays)]);
        }
    }
}

/// <summary>The one check of a configured cron, shared by the options of every scheduled job.</summary>
public static class CronCheck
{
    public static IEnumerable<ValidationResult> Validate(string section, string cron)
    {
        if (string.IsNullOrWhiteSpace(cron) || !CronExpression.TryParse(cron, out _))
        {
            yield return new ValidationResult(
                $"{section}:Cron '{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 9 ? * *\").",
                ["Cron"]);
        }
    }
}

/// <summary>Validates the cron of another feature's options (the digest's, the report's) when the options are read.</summary>
public sealed class CronValidation<TOptions>(string section, Func<TOptions, string> cron) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        CronCheck.Validate(section, cron(options)).Select(e => e.ErrorMessage!).ToList() is { Count: > 0 } errors
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;
}
