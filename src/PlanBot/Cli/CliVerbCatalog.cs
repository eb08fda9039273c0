using System.Reflection;

namespace PlanBot.Cli;

/// <summary>The verbs: every <see cref="ICliVerb"/> class in this assembly, found once.</summary>
public static class CliVerbCatalog
{
    public sealed record Entry(Type Type, CliVerbSpec Spec);

    public static IReadOnlyList<Entry> All { get; } = typeof(ICliVerb).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliVerb).IsAssignableFrom(t))
        .Select(t => new Entry(t, (CliVerbSpec)t.GetProperty(nameof(ICliVerb.Spec), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!))
        .OrderBy(e => e.Spec.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The verb whose words start <paramref name="args"/> (the longest match), or null.</summary>
    public static Entry? Find(IReadOnlyList<string> args) => All
        .Where(e => e.Spec.Words.Count <= args.Count && e.Spec.Words.Select((w, i) => args[i] == w).All(x => x))
        .MaxBy(e => e.Spec.Words.Count);

    public static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("usage: PlanBot [run] [--Key=Value ...]          run the bot");
        writer.WriteLine("       PlanBot <verb> [arguments] [--Key=Value ...]");
        writer.WriteLine();
        writer.WriteLine("verbs:");
        foreach (var entry in All)
        {
            writer.WriteLine($"  {CliArguments.Usage(entry.Spec)}");
            writer.WriteLine($"      {entry.Spec.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("--Key=Value sets configuration, e.g. --ConnectionStrings:PlanBot=\"Data Source=planbot.db\".");
        writer.WriteLine("Exit codes: 0 success, 2 bad input (reason on stderr), 1 unexpected failure. See docs/cli.md.");
    }
}
