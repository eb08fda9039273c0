using System.Globalization;

namespace PlanBotBench;

/// <summary>Parses the command line and runs the chosen measurements, printing each figure as it is known.</summary>
public static class BenchApp
{
    private const string Usage = """
        usage: PlanBot.Bench <all|throughput|fanout|scale|startup> [--quick]
          all          every measurement below, in this order
          throughput   PlanBot vs a bare Telegram.Bot echo bot, 1,000 members, 20,000 mixed updates
          fanout       3,000 due reminders against a fake enforcing 30 msg/s and 1/s per chat
          scale        digest and monthly report on 10,000 tasks and 1,000,000 progress updates
          startup      the built PlanBot.dll: start-up to first getUpdates, idle memory
          --quick      everything scaled down (under a minute for `all`)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["scale-child", var database, var what, var runs])
        {
            return await ScaleBench.ChildAsync(database, what, int.Parse(runs, CultureInfo.InvariantCulture));
        }

        var quick = args.Contains("--quick");
        var verbs = args.Where(a => a != "--quick").ToList();
        if (verbs.Count != 1 || verbs[0] is not ("all" or "throughput" or "fanout" or "scale" or "startup"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var verb = verbs[0];
        Console.WriteLine(Machine.Describe());
        Console.WriteLine(quick ? "mode: --quick (scaled down; not the documented figures)" : "mode: full");
        var total = System.Diagnostics.Stopwatch.StartNew();
        if (verb is "all" or "throughput")
        {
            await ThroughputBench.RunAsync(quick);
        }

        if (verb is "all" or "fanout")
        {
            await FanoutBench.RunAsync(quick);
        }

        if (verb is "all" or "scale")
        {
            await ScaleBench.RunAsync(quick);
        }

        if (verb is "all" or "startup")
        {
            await StartupBench.RunAsync(quick);
        }

        Console.WriteLine($"done in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
