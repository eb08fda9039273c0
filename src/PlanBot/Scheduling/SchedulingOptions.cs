using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
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

/// <summary>PlanBot:Digest — the supervisors' weekly digest.</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string Section = "PlanBot:Digest";

    /// <summary>
    /// When the digest is due (default Monday 08:30). When that day is not a working day the digest goes out at the same
    /// time on the next working day of the same ISO week; it is sent once per ISO week.
    /// </summary>
    public string Cron { get; set; } = "0 30 8 ? * MON";

    /// <summary>The digest lists what falls due within this many days.</summary>
    public int DueSoonDays { get; set; } = 14;

    public bool WorkingDaysOnly { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in CronCheck.Validate(Section, Cron))
        {
            yield return error;
        }

        if (DueSoonDays is < 0 or > 366)
        {
            yield return new ValidationResult($"{Section}:DueSoonDays must be between 0 and 366.", [nameof(DueSoonDays)]);
        }
    }
}

/// <summary>PlanBot:Report — the monthly overdue report for the previous month.</summary>
public sealed class ReportOptions : IValidatableObject
{
    public const string Section = "PlanBot:Report";

    /// <summary>
    /// When the job looks (default 09:00 every day): the report for the previous month goes out once,
    /// at the first of these times that falls on a working day of the new month.
    /// </summary>
    public string Cron { get; set; } = "0 0 9 ? * *";

    public bool WorkingDaysOnly { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => CronCheck.Validate(Section, Cron);
}

internal static class CronCheck
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
