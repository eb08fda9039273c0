namespace PlanBot.Common;

/// <summary>
/// A small piece of the bot's own state that must survive a restart (the last scan date, the last digest week …),
/// as a key and a string value.
/// </summary>
public sealed class BotSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
