namespace PlanBot.Chat;

/// <summary>Settings the chat reads from other sections: PlanBot:CallbackSecret.</summary>
public sealed class ChatOptions
{
    /// <summary>Signs button data; empty → a random secret generated once and kept in the database.</summary>
    public string? CallbackSecret { get; set; }
}
