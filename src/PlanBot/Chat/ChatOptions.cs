namespace PlanBot.Chat;

/// <summary>The chat's settings in the PlanBot section: PlanBot:CallbackSecret and PlanBot:AdminTelegramUserIds.</summary>
public sealed class ChatOptions
{
    public const string Section = "PlanBot";

    /// <summary>These Telegram users become admins the first time they write to the bot.</summary>
    public List<long> AdminTelegramUserIds { get; set; } = [];

    /// <summary>DingTalk staff ids (userid) that become admins the first time they write to the robot.</summary>
    public List<string> AdminDingTalkUserIds { get; set; } = [];

    /// <summary>Signs button data; empty → a random secret generated once and kept in the database.</summary>
    public string? CallbackSecret { get; set; }
}
