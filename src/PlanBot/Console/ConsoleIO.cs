namespace PlanBot.Console;

/// <summary>Where the console chat reads lines and prints messages: the process's stdin/stdout, or a test's reader and writer.</summary>
/// <param name="EchoInput">Print each line read as "&gt; line": when input is piped from a file, so the output reads as a transcript.</param>
public sealed record ConsoleIO(TextReader In, TextWriter Out, bool EchoInput = false)
{
    public static ConsoleIO Standard() => new(System.Console.In, System.Console.Out, System.Console.IsInputRedirected);
}
