using System.Globalization;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>How this run measures: scaled down or not, and the network every fake Bot API answers over.</summary>
/// <param name="Latency">The round trip added to every Bot API call (half each way; see <see cref="FakeBotApiServer.Latency"/>).</param>
/// <param name="Jitter">Each half varies by this fraction either way.</param>
/// <param name="EchoSynchronous">The durable echo's <c>PRAGMA synchronous</c> for its processor and sender connections.</param>
/// <param name="App">The PlanBot.dll the start-up figure runs (default: the Release build).</param>
/// <param name="AppEnvironment">Extra environment for that process (e.g. DOTNET_TieredPGO=0), to try runtime settings without a rebuild.</param>
public sealed record BenchOptions(
    bool Quick,
    TimeSpan Latency,
    double Jitter,
    string EchoSynchronous,
    string? App,
    IReadOnlyDictionary<string, string> AppEnvironment)
{
    public bool OverNetwork => Latency > TimeSpan.Zero;

    public string Network => OverNetwork
        ? $"latency {Latency.TotalMilliseconds:F0} ms round trip per call ±{Jitter * 100:F0} %"
        : "latency 0 (loopback)";

    /// <summary>Makes <paramref name="api"/> answer over this run's network.</summary>
    public void Apply(FakeBotApiServer api)
    {
        api.Latency = Latency;
        api.LatencyJitter = Jitter;
    }

    /// <summary>Reads the options after the verb; null (with a message) when one is not understood.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        // NORMAL: PlanBot's bot connections since the group commit (2d92962); FULL stays on the inbox store's commit.
        var options = new BenchOptions(false, TimeSpan.Zero, 0.2, "NORMAL", null, new Dictionary<string, string>());
        var environment = new Dictionary<string, string>();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--quick":
                        options = options with { Quick = true };
                        break;
                    case "--latency":
                        options = options with { Latency = ParseDuration(Value()) };
                        break;
                    case "--jitter":
                        options = options with { Jitter = double.Parse(Value().TrimEnd('%'), CultureInfo.InvariantCulture) / 100 };
                        break;
                    case "--echo-sync":
                        var mode = Value().ToUpperInvariant();
                        options = options with { EchoSynchronous = mode is "FULL" or "NORMAL" ? mode : throw new FormatException("--echo-sync is FULL or NORMAL") };
                        break;
                    case "--app":
                        options = options with { App = Path.GetFullPath(Value()) };
                        break;
                    case "--app-env":
                        var pair = Value().Split('=', 2);
                        environment[pair[0]] = pair.Length == 2 ? pair[1] : throw new FormatException("--app-env takes NAME=VALUE");
                        break;
                    default:
                        throw new FormatException($"unknown option {args[i]}");
                }
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }

        return options with { AppEnvironment = environment };
    }

    /// <summary>"100ms", "0.1s" or a plain number of milliseconds.</summary>
    private static TimeSpan ParseDuration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromMilliseconds(double.Parse(text, CultureInfo.InvariantCulture));
}
