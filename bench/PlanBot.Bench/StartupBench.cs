using System.Diagnostics;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// Figure 3b: the app as an operator runs it (the ReadyToRun publish in src/PlanBot/bin/Release/net10.0/linux-x64/publish,
/// else the Release build; <c>--app</c> for another) started as a child process against the fake Bot API with the seed
/// plan: time from process start to its first getUpdates, and its memory once idle. The first start is on a new database (migration and seed import), the others
/// restart on it. Beside it, in the same run, the bare echo bot as its own process (<c>PlanBot.Bench echo-child</c>,
/// a plain console app's defaults) gives the idle yardstick.
/// </summary>
public static class StartupBench
{
    /// <summary>An idle process's memory in MB: resident, resident anonymous (heap, JIT code, stacks) and private.</summary>
    private sealed record Memory(double Rss, double RssAnon, double Private, double Peak)
    {
        public static Memory Of(int pid) => new(
            Machine.ProcMegabytes("VmRSS", pid), Machine.ProcMegabytes("RssAnon", pid), Machine.PrivateMegabytes(pid), Machine.ProcMegabytes("VmHWM", pid));

        public override string ToString() => $"VmRSS {Rss:F1} MB, RssAnon {RssAnon:F1} MB, private {Private:F1} MB (peak {Peak:F1} MB)";
    }

    public static async Task RunAsync(BenchOptions options)
    {
        var restarts = options.Quick ? 1 : 5;
        var settle = TimeSpan.FromSeconds(options.Quick ? 2 : 10);
        Console.WriteLine();
        Console.WriteLine($"## 3b. Start-up to ready and idle memory, seed plan (28 tasks, 19 members): first start + {restarts} restarts, idle after {settle.TotalSeconds:F0} s; {options.Network}");
        var app = options.App ?? AppPath();
        if (!File.Exists(app))
        {
            Console.WriteLine($"startup SKIPPED: {app} not found; build it with `dotnet build -c Release`.");
            return;
        }

        Console.WriteLine($"app: {app}" + string.Concat(options.AppEnvironment.Select(e => $" {e.Key}={e.Value}")));
        using var database = new TempDatabase();
        // One fake for every run: a restart polls from the offset the previous run stored.
        await using var api = await FakeBotApiServer.StartAsync();
        options.Apply(api);
        var workingFolder = Directory.CreateTempSubdirectory("planbot-bench-");
        try
        {
            var readyMs = new List<double>();
            var idle = new List<Memory>();
            for (var run = 0; run <= restarts; run++)
            {
                // The fake records a getUpdates when it answers; with an update waiting, it answers the first one at
                // once, so the recorded time is when the first poll arrived, not 25 s of long poll later.
                api.EnqueueText(chatId: 990_001, fromId: 990_001, "/help");
                var start = Start(app, workingFolder.FullName, options.AppEnvironment);
                start.Environment["Telegram__BotToken"] = FakeBotApiServer.Token;
                start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
                start.Environment["ConnectionStrings__PlanBot"] = database.ConnectionString;
                start.Environment["DOTNET_ENVIRONMENT"] = "Production";
                var (ready, memory, calls) = await StartOnceAsync(api, start, settle);
                Console.WriteLine($"{(run == 0 ? "first start (migrate + seed)" : $"restart {run}")}: ready after {ready:F0} ms, idle {memory}");
                Console.WriteLine("  calls before ready (ms after process start): " + calls);
                if (run > 0)
                {
                    readyMs.Add(ready);
                    idle.Add(memory);
                }
            }

            var echo = await EchoIdleAsync(options, restarts, settle);
            var medianReady = Stats.Median(readyMs);
            var planBot = Median(idle);
            var yardstick = Median(echo);
            var ratio = planBot.Rss / yardstick.Rss;
            Console.WriteLine($"RESULT startup: median restart to first getUpdates {medianReady:F0} ms (target ≤ 1000 ms: {(medianReady <= 1000 ? "met" : "NOT met")}); {options.Network}");
            Console.WriteLine($"RESULT idle: PlanBot {planBot}; bare echo {yardstick}; VmRSS ratio {ratio:F2} (target ≤ 1.5: {(ratio <= 1.5 ? "met" : "NOT met")}), "
                + $"private ratio {planBot.Private / yardstick.Private:F2} (medians of {readyMs.Count})");
        }
        finally
        {
            workingFolder.Delete(recursive: true);
        }
    }

    /// <summary>The bare echo bot started as its own process, as often as PlanBot restarted, idle after the same settle.</summary>
    private static async Task<List<Memory>> EchoIdleAsync(BenchOptions options, int runs, TimeSpan settle)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        options.Apply(api);
        var workingFolder = Directory.CreateTempSubdirectory("planbot-bench-echo-");
        var idle = new List<Memory>();
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                // As for PlanBot: an update waiting, so the first poll is answered (and recorded) on arrival.
                api.EnqueueText(chatId: 990_002, fromId: 990_002, "/help");
                var start = Start(typeof(BareEchoBot).Assembly.Location, workingFolder.FullName, new Dictionary<string, string>());
                start.ArgumentList.Add("echo-child");
                start.ArgumentList.Add(api.BaseUrl);
                var (ready, memory, _) = await StartOnceAsync(api, start, settle);
                Console.WriteLine($"bare echo {run}: first getUpdates after {ready:F0} ms, idle {memory}");
                idle.Add(memory);
            }
        }
        finally
        {
            workingFolder.Delete(recursive: true);
        }

        return idle;
    }

    private static ProcessStartInfo Start(string dll, string workingFolder, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static async Task<(double ReadyMs, Memory Idle, string Calls)> StartOnceAsync(FakeBotApiServer api, ProcessStartInfo start, TimeSpan settle)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.ArgumentList[0]);
        // The app logs to the console; read it so a full pipe never blocks it.
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        try
        {
            var firstPoll = await api.WaitForCallAsync("getUpdates", c => c.At > startedAt, TimeSpan.FromSeconds(60));
            var ready = (firstPoll.At - startedAt).TotalMilliseconds;
            var before = string.Join(", ", api.Calls.Where(c => c.At > startedAt && c.At <= firstPoll.At)
                .Select(c => $"{c.Method} {(c.At - startedAt).TotalMilliseconds:F0}"));
            // Idle: the bot only long-polls now; give the runtime time to settle before reading its memory.
            await Task.Delay(settle);
            return (ready, Memory.Of(child.Id), before);
        }
        catch (TimeoutException)
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The process never polled: " + await error + await output);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }
    }

    private static Memory Median(IReadOnlyList<Memory> runs) => new(
        Stats.Median(runs.Select(m => m.Rss).ToList()),
        Stats.Median(runs.Select(m => m.RssAnon).ToList()),
        Stats.Median(runs.Select(m => m.Private).ToList()),
        Stats.Median(runs.Select(m => m.Peak).ToList()));

    /// <summary>
    /// The published app when there is one (<c>dotnet publish src/PlanBot -c Release -r linux-x64</c>: ReadyToRun, as an
    /// operator runs it), else the Release build. A publish older than the build is said, as it may not be this code.
    /// </summary>
    private static string AppPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PlanBot.sln")))
        {
            folder = folder.Parent;
        }

        var release = Path.Combine(folder?.FullName ?? ".", "src", "PlanBot", "bin", "Release", "net10.0");
        var built = Path.Combine(release, "PlanBot.dll");
        var published = Path.Combine(release, "linux-x64", "publish", "PlanBot.dll");
        if (!File.Exists(published))
        {
            Console.WriteLine($"no published build at {published}: measuring the Release build (not ReadyToRun)");
            return built;
        }

        if (File.Exists(built) && File.GetLastWriteTimeUtc(published) < File.GetLastWriteTimeUtc(built))
        {
            Console.WriteLine("WARNING: the published build is older than the Release build; publish again to measure this code");
        }

        return published;
    }
}
