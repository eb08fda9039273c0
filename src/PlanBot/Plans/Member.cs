namespace PlanBot.Plans;

/// <summary>A person on the roster, named by function (e.g. 投资科负责人), linked to Telegram once they join.</summary>
public sealed class Member
{
    public int Id { get; set; }

    /// <summary>Unique on the roster; what admins type in /invite and on the CLI.</summary>
    public required string Name { get; set; }

    public string Unit { get; set; } = "";

    public MemberRoles Roles { get; set; }

    /// <summary>Set when the member joins with an invite (or is a configured admin).</summary>
    public long? TelegramUserId { get; set; }

    /// <summary>The private chat with the bot; where reminders go.</summary>
    public long? ChatId { get; set; }

    /// <summary>"zh" (default) or "en".</summary>
    public string Language { get; set; } = Languages.Chinese;

    /// <summary>False once Telegram said the member blocked the bot (403); set back when they write again.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Reminders are paused up to and including this date (leave).</summary>
    public DateOnly? PausedUntil { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public bool Has(MemberRoles role) => (Roles & role) == role;

    public bool IsLinked => TelegramUserId is not null;
}

public static class Languages
{
    public const string Chinese = "zh";
    public const string English = "en";

    public static bool TryParse(string? text, out string language)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "zh" or "zh-cn" or "cn" or "中文" or "":
                language = Chinese;
                return true;
            case "en" or "en-us" or "english" or "英文":
                language = English;
                return true;
            default:
                language = Chinese;
                return false;
        }
    }
}
