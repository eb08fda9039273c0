namespace PlanBot.Cli;

/// <summary>
/// Splits a verb's arguments into its positionals and options (checked against its <see cref="CliVerbSpec"/>) and the
/// host's configuration overrides. Verb options take "--name value" or "--name=value"; any other "--Key=Value"
/// (e.g. --ConnectionStrings:PlanBot=Data Source=x.db) is configuration and goes to the host.
/// </summary>
public static class CliArguments
{
    public sealed record Parsed(IReadOnlyList<string> Positionals, IReadOnlyDictionary<string, List<string>> Options, string[] HostArgs);

    /// <exception cref="CliInputException">An unknown option, a missing value or the wrong number of arguments.</exception>
    public static Parsed Parse(CliVerbSpec spec, IEnumerable<string> args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hostArgs = new List<string>();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (arg[2..eq], arg[(eq + 1)..])
                : (arg[2..], null);
            var option = spec.Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                if (inlineValue is null)
                {
                    throw new CliInputException($"{spec.Name}: unknown option --{name} (usage: {Usage(spec)})");
                }

                hostArgs.Add(arg);
                continue;
            }

            string value;
            if (option.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new CliInputException($"{spec.Name}: --{name} takes no value");
                }

                value = "";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (e.MoveNext())
            {
                value = e.Current;
            }
            else
            {
                throw new CliInputException($"{spec.Name}: --{name} needs a value ({option.Value})");
            }

            if (options.TryGetValue(name, out var values))
            {
                if (!option.Repeatable)
                {
                    throw new CliInputException($"{spec.Name}: --{name} given twice");
                }

                values.Add(value);
            }
            else
            {
                options[name] = [value];
            }
        }

        if (positionals.Count != spec.Positionals.Count)
        {
            throw new CliInputException(positionals.Count < spec.Positionals.Count
                ? $"{spec.Name}: missing {string.Join(" ", spec.Positionals.Skip(positionals.Count))} (usage: {Usage(spec)})"
                : $"{spec.Name}: unexpected argument '{positionals[spec.Positionals.Count]}' (usage: {Usage(spec)})");
        }

        foreach (var missing in spec.Options.Where(o => o.Required && !options.ContainsKey(o.Name)))
        {
            throw new CliInputException($"{spec.Name}: --{missing.Name} {missing.Value} is required (usage: {Usage(spec)})");
        }

        return new Parsed(positionals, options, hostArgs.ToArray());
    }

    public static string Usage(CliVerbSpec spec) => $"{spec.Name} {spec.Usage}".TrimEnd();
}
