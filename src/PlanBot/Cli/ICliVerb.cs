namespace PlanBot.Cli;

/// <summary>
/// One command-line verb, e.g. <c>tasks list</c>. Every non-abstract class in the PlanBot assembly that implements
/// this is a verb: adding one is adding one class. Its constructor takes services from the host (a fresh DI scope per
/// run); <see cref="Spec"/> says how it is called, so arguments are checked before the database is touched.
/// </summary>
public interface ICliVerb
{
    static abstract CliVerbSpec Spec { get; }

    /// <summary>Runs the verb. Returns the exit code (0 on success); throws <see cref="CliInputException"/> for bad input.</summary>
    Task<int> RunAsync(CliInvocation input, CancellationToken ct);
}

/// <param name="Name">The verb's words, e.g. "members invite".</param>
/// <param name="Positionals">Names of the required positional arguments, in order, e.g. ["CODE", "YYYY-MM-DD"].</param>
/// <param name="Usage">The arguments after the name as shown in the usage text.</param>
/// <param name="Summary">One line saying what the verb does.</param>
public sealed record CliVerbSpec(
    string Name,
    IReadOnlyList<string> Positionals,
    IReadOnlyList<CliOption> Options,
    string Usage,
    string Summary)
{
    public IReadOnlyList<string> Words { get; } = Name.Split(' ');
}

/// <summary>An option of a verb: a flag (<paramref name="Value"/> null, e.g. --json) or one taking a value.</summary>
/// <param name="Value">The value's name in messages, e.g. "YYYY-MM-DD".</param>
public sealed record CliOption(string Name, string? Value = null, bool Repeatable = false, bool Required = false)
{
    public bool IsFlag => Value is null;

    public static CliOption Json { get; } = new("json");
}

/// <summary>Bad input on the command line: the message is printed as one line on stderr and the exit code is 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
