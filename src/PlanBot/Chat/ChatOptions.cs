namespace PlanBot.Chat;

/// <summary>Settings the chat reads from other sections: PlanBot:CallbackSecret and Telegram:BotUsername / BotToken.</summary>
public sealed class ChatOptions
{
    /// <summary>Signs button data; empty → a random secret generated once and kept in the database.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>The bot's @username without "@": used in invite links and to tell our /cmd@bot from another bot's.</summary>
    public string? BotUsername { get; set; }
}
