using System.ComponentModel.DataAnnotations;

namespace PlanBot.Clock;

/// <summary>What time and day it is for the bureau: PlanBot:TimeZone, PlanBot:HolidaysPath and PlanBot:Clock:StartAt.</summary>
public sealed class ClockOptions : IValidatableObject
{
    public const string Section = "PlanBot";

    /// <summary>IANA or Windows time zone id; dates, deadlines and schedules are in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>China's holidays and make-up working days.</summary>
    public string HolidaysPath { get; set; } = "seeds/holidays-cn.json";

    public RehearsalClockOptions Clock { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"PlanBot:TimeZone '{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }
    }
}

public sealed class RehearsalClockOptions
{
    /// <summary>ISO 8601 instant: the bot's clock starts there and runs on in real time (rehearsals, demos). Empty: the real clock.</summary>
    public DateTimeOffset? StartAt { get; set; }
}
