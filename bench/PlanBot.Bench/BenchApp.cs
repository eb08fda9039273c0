using System.Globalization;

namespace PlanBotBench;

/// <summary>Parses the command line and runs the chosen measurements, printing each figure as it is known.</summary>
public static class BenchApp
{
    private const string Usage = """
        usage: PlanBot.Bench <all|throughput|fanout|scale|startup> [--quick] [--latency 100ms] [--jitter 20%]
                             [--echo-sync FULL|NORMAL] [--app PATH/PlanBot.dll] [--app-env NAME=VALUE]…
          all          every measurement below, in this order
          throughput   PlanBot vs a durable echo bot and a bare echo bot, 1,000 members, 20,000 mixed updates (2,000 over a network)
          fanout       1,000 due reminders against a fake enforcing 30 msg/s and 1/s per chat
          scale        digest and monthly report on 10,000 tasks and 1,000,000 progress updates (no network involved)
          startup      the built PlanBot.dll: start-up to first getUpdates, idle memory, beside a bare echo bot's
          --quick      everything scaled down (about a minute for `all` at latency 0)
          --latency    round trip added to every Bot API call by the fakes, half each way (default 0)
          --jitter     each half varies uniformly by this much either way (default 20%)
          --echo-sync  the durable echo's synchronous for its processor and sender (default NORMAL, as PlanBot's bot
                       connections since the group commit; FULL to compare with code before it)
          --app        the PlanBot.dll the start-up figure runs (e.g. a published ReadyToRun build)
          --app-env    an environment variable for that process (e.g. DOTNET_TieredPGO=0), repeatable
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["scale-child", var database, var what, var runs])
        {
            return await ScaleBench.ChildAsync(database, what, int.Parse(runs, CultureInfo.InvariantCulture));
        }

        var verb = args.FirstOrDefault();
        var options = BenchOptions.Parse(args.Skip(1).ToList(), out var error);
        if (verb is not ("all" or "throughput" or "fanout" or "scale" or "startup") || options is null)
        {
            await Console.Error.WriteLineAsync((error is null ? "" : error + "\n") + Usage);
            return 2;
        }

        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"load average at start: {Machine.LoadAverage()}");
        Console.WriteLine((options.Quick ? "mode: --quick (scaled down; not the documented figures)" : "mode: full") + "; " + options.Network
            + $"; durable echo synchronous {options.EchoSynchronous} for processor and sender (FULL for its receiver)");
        var total = System.Diagnostics.Stopwatch.StartNew();
        if (verb is "all" or "throughput")
        {
            await ThroughputBench.RunAsync(options);
        }

        if (verb is "all" or "fanout")
        {
            await FanoutBench.RunAsync(options);
        }

        if (verb is "all" or "scale")
        {
            await ScaleBench.RunAsync(options.Quick);
        }

        if (verb is "all" or "startup")
        {
            await StartupBench.RunAsync(options);
        }

        Console.WriteLine($"load average at end: {Machine.LoadAverage()}");
        Console.WriteLine($"done in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
