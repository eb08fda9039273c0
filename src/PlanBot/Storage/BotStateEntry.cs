namespace PlanBot.Storage;

/// <summary>
/// A small piece of the bot's own state that must survive a restart (the last scan date, the last digest week, the
/// polling offset …), as a key and a string value. State the bot writes, not configuration: settings come from
/// configuration (appsettings, environment, arguments).
/// </summary>
public sealed class BotStateEntry
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
