using System.ComponentModel.DataAnnotations;

namespace PlanBot.Reports;

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
        if (DueSoonDays is < 0 or > 366)
        {
            yield return new ValidationResult($"{Section}:DueSoonDays must be between 0 and 366.", [nameof(DueSoonDays)]);
        }
    }
}

/// <summary>PlanBot:Report — the monthly overdue report for the previous month.</summary>
public sealed class ReportOptions
{
    public const string Section = "PlanBot:Report";

    /// <summary>
    /// When the job looks (default 09:00 every day): the report for the previous month goes out once,
    /// at the first of these times that falls on a working day of the new month.
    /// </summary>
    public string Cron { get; set; } = "0 0 9 ? * *";

    public bool WorkingDaysOnly { get; set; } = true;

    /// <summary>
    /// Adds the lead units' ranking by results (<see cref="UnitRanker"/>) to the monthly report: a message after the
    /// summary and a sheet in the workbook, wherever the report is delivered (the job, /report, `report overdue`). Off by
    /// default; while it is off nothing ranks units anywhere. It is worked out on delivery, not stored with the report,
    /// so switching it takes effect for every month at once.
    /// </summary>
    public bool RankUnits { get; set; }
}
