using System.ComponentModel.DataAnnotations;
using PlanBot.Plans;

namespace PlanBot.Common;

/// <summary>The "PlanBot" configuration section (see appsettings.sample.json and the README).</summary>
public sealed class PlanBotOptions : IValidatableObject
{
    public const string Section = "PlanBot";

    /// <summary>IANA or Windows time zone id; dates, deadlines and schedules are in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>These Telegram users become admins the first time they write to the bot.</summary>
    public List<long> AdminTelegramUserIds { get; set; } = [];

    /// <summary>Imported when the database has no plan yet. Relative paths are looked up in the working folder, then beside the executable.</summary>
    public string SeedPlanPath { get; set; } = "seeds/plan-2024.json";

    /// <summary>Imported with the seed plan when the roster is empty.</summary>
    public string SeedRosterPath { get; set; } = "seeds/roster.sample.csv";

    /// <summary>China's holidays and make-up working days.</summary>
    public string HolidaysPath { get; set; } = "seeds/holidays-cn.json";

    public ClockOptions Clock { get; set; } = new();

    public LightThresholds Light { get; set; } = new();

    /// <summary>How long an invite code stays valid.</summary>
    [Range(1, 720)]
    public int InviteValidHours { get; set; } = 72;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"PlanBot:TimeZone '{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }

        if (Light.StaleDays < 1 || Light.DueSoonDays < 0 || Light.BehindByPercent is < 0 or > 100)
        {
            yield return new ValidationResult(
                "PlanBot:Light needs StaleDays ≥ 1, DueSoonDays ≥ 0 and BehindByPercent between 0 and 100.", [nameof(Light)]);
        }
    }
}

public sealed class ClockOptions
{
    /// <summary>ISO 8601 instant: the bot's clock starts there and runs on in real time (rehearsals, demos). Empty: the real clock.</summary>
    public DateTimeOffset? StartAt { get; set; }
}
