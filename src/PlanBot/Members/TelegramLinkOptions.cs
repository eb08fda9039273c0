namespace PlanBot.Members;

/// <summary>The part of the "Telegram" section that invite links need: the bot's username (without @).</summary>
public sealed class TelegramLinkOptions
{
    public const string Section = "Telegram";

    /// <summary>E.g. LinAnPlanBot; empty until the bot is registered with BotFather.</summary>
    public string BotUsername { get; set; } = "";

    /// <summary>Shown in place of the username while none is configured.</summary>
    public const string Placeholder = "YOUR_BOT";

    public bool HasBotUsername => !string.IsNullOrWhiteSpace(BotUsername);

    /// <summary>https://t.me/&lt;bot&gt;?start=&lt;code&gt;: opening it in Telegram sends /start &lt;code&gt; to the bot.</summary>
    public string StartLink(string code) =>
        $"https://t.me/{(HasBotUsername ? BotUsername.Trim().TrimStart('@') : Placeholder)}?start={code}";
}
