namespace PlanBot.Chat;

/// <summary>A command as typed: "/progress@PlanBot K-01 60 已完成招标" → name "progress", bot "PlanBot", arguments "K-01 60 已完成招标".</summary>
public sealed record CommandLine(string Name, string? BotUsername, string Arguments)
{
    public static CommandLine? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        text = text.Trim();
        if (text.Length < 2 || text[0] != '/')
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '\n', '\t']);
        var head = end < 0 ? text[1..] : text[1..end];
        var arguments = end < 0 ? "" : text[(end + 1)..].Trim();
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var name = (at < 0 ? head : head[..at]).ToLowerInvariant();
        var bot = at < 0 ? null : head[(at + 1)..];
        return name.Length == 0 ? null : new CommandLine(name, bot, arguments);
    }

    /// <summary>Splits off the first word: ("K-01", "60 已完成招标").</summary>
    public static (string First, string Remainder) SplitFirst(string text)
    {
        text = text.Trim();
        var end = text.IndexOfAny([' ', '\n', '\t']);
        return end < 0 ? (text, "") : (text[..end], text[(end + 1)..].Trim());
    }
}
