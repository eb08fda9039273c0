namespace PlanBot.Invites;

/// <summary>
/// The bot's username (without @): the one place it is kept. Bound from Telegram:BotUsername (the CLI, which never
/// talks to Telegram, relies on that); the running bot overwrites it with what getMe answers, so invite links and
/// the /cmd@bot check in groups always name the real bot.
/// </summary>
public sealed class TelegramLinkOptions
{
    public const string Section = "Telegram";

    /// <summary>E.g. LinAnPlanBot; empty until the bot is registered with BotFather.</summary>
    public string BotUsername { get; set; } = "";

    /// <summary>Shown in place of the username while none is configured.</summary>
    public const string Placeholder = "YOUR_BOT";

    public bool HasBotUsername => !string.IsNullOrWhiteSpace(BotUsername);

    /// <summary>The username as Telegram writes it after @, or null while unknown.</summary>
    public string? Username => HasBotUsername ? BotUsername.Trim().TrimStart('@') : null;

    /// <summary>https://t.me/&lt;bot&gt;?start=&lt;code&gt;: opening it in Telegram sends /start &lt;code&gt; to the bot.</summary>
    public string StartLink(string code) => $"https://t.me/{Username ?? Placeholder}?start={code}";

    /// <summary>Whether "/cmd@<paramref name="username"/>" is addressed to this bot (true while our username is unknown).</summary>
    public bool IsThisBot(string username) =>
        Username is not { } ours || string.Equals(username.TrimStart('@'), ours, StringComparison.OrdinalIgnoreCase);
}
