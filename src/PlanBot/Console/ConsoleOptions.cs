namespace PlanBot.Console;

/// <summary>The console chat's settings (section "Console").</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// Where the files the bot sends (the monthly report's workbook and chart) are saved, as Telegram would deliver
    /// them; relative to the working folder. Each is named after its message number so none overwrites another.
    /// </summary>
    public string AttachmentsPath { get; set; } = "console-files";

    /// <summary>
    /// The log file of the console chat (stdout is the conversation, so logs do not go to the terminal). Empty: beside
    /// the database, named after it (planbot.db → planbot.log).
    /// </summary>
    public string LogPath { get; set; } = "";
}
