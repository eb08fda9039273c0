namespace PlanBot.Storage;

/// <summary>A small key/value setting the bot keeps for itself (e.g. the generated callback-signing secret).</summary>
public sealed class BotSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
