namespace PlanBot.Console;

/// <summary>Where the console chat reads lines and prints messages: the process's stdin/stdout, or a test's reader and writer.</summary>
public sealed record ConsoleIO(TextReader In, TextWriter Out)
{
    public static ConsoleIO Standard() => new(System.Console.In, System.Console.Out);
}
