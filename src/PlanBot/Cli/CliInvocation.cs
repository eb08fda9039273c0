namespace PlanBot.Cli;

/// <summary>One run of a verb: its checked arguments and where to write.</summary>
public sealed class CliInvocation(
    IReadOnlyList<string> positionals,
    IReadOnlyDictionary<string, List<string>> options,
    TextWriter output,
    TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public string Positional(int index) => positionals[index];

    public bool Flag(string name) => options.ContainsKey(name);

    public string? Option(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Options(string name) => options.TryGetValue(name, out var values) ? values : [];
}
