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
}
