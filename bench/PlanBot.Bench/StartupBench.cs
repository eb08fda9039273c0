using System.Diagnostics;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// Figure 3b: the built app (src/PlanBot/bin/Release/net10.0/PlanBot.dll) started as a child process against the fake
/// Bot API with the seed plan: time from process start to its first getUpdates, and its memory once idle. The first start
/// is on a new database (migration and seed import), the others restart on it.
/// </summary>
public static class StartupBench
{
    public static async Task RunAsync(bool quick)
    {
        var restarts = quick ? 1 : 5;
        var settle = TimeSpan.FromSeconds(quick ? 2 : 10);
        Console.WriteLine();
        Console.WriteLine($"## 3b. Start-up to ready and idle memory, seed plan (28 tasks, 19 members): first start + {restarts} restarts, idle after {settle.TotalSeconds:F0} s");
        var app = AppPath();
        if (!File.Exists(app))
        {
            Console.WriteLine($"startup SKIPPED: {app} not found; build it with `dotnet build -c Release`.");
            return;
        }

        using var database = new TempDatabase();
        // One fake for every run: a restart polls from the offset the previous run stored.
        await using var api = await FakeBotApiServer.StartAsync();
        var workingFolder = Directory.CreateTempSubdirectory("planbot-bench-");
        try
        {
            var readyMs = new List<double>();
            var idleMb = new List<double>();
            for (var run = 0; run <= restarts; run++)
            {
                var (ready, idle, peak, calls) = await StartOnceAsync(api, app, database.ConnectionString, workingFolder.FullName, settle);
                Console.WriteLine($"{(run == 0 ? "first start (migrate + seed)" : $"restart {run}")}: ready after {ready:F0} ms, idle {idle:F0} MB (peak {peak:F0} MB)");
                Console.WriteLine("  calls before ready (ms after process start): " + calls);
                if (run > 0)
                {
                    readyMs.Add(ready);
                    idleMb.Add(idle);
                }
            }

            var medianReady = Stats.Median(readyMs);
            var medianIdle = Stats.Median(idleMb);
            Console.WriteLine($"RESULT startup: median restart to first getUpdates {medianReady:F0} ms (target ≤ 2000 ms: {(medianReady <= 2000 ? "met" : "NOT met")}), "
                + $"idle working set {medianIdle:F0} MB (target ≤ 120 MB: {(medianIdle <= 120 ? "met" : "NOT met")})");
        }
        finally
        {
            workingFolder.Delete(recursive: true);
        }
    }

    private static async Task<(double ReadyMs, double IdleMb, double PeakMb, string Calls)> StartOnceAsync(
        FakeBotApiServer api, string app, string connectionString, string workingFolder, TimeSpan settle)
    {
        // The fake records a getUpdates when it answers; with an update waiting, it answers the first one at once, so the
        // recorded time is when the first poll arrived, not 25 s of long poll later.
        api.EnqueueText(chatId: 990_001, fromId: 990_001, "/help");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(app);
        start.Environment["Telegram__BotToken"] = FakeBotApiServer.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        start.Environment["ConnectionStrings__PlanBot"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var startedAt = TimeProvider.System.GetUtcNow();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start PlanBot.");
        // The app logs to the console; read it so a full pipe never blocks it.
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        try
        {
            var firstPoll = await api.WaitForCallAsync("getUpdates", c => c.At > startedAt, TimeSpan.FromSeconds(60));
            var ready = (firstPoll.At - startedAt).TotalMilliseconds;
            var before = string.Join(", ", api.Calls.Where(c => c.At > startedAt && c.At <= firstPoll.At)
                .Select(c => $"{c.Method} {(c.At - startedAt).TotalMilliseconds:F0}"));
            // Idle: the bot only long-polls now; give the runtime time to settle before reading its resident set.
            await Task.Delay(settle);
            return (ready, Machine.ProcMegabytes("VmRSS", child.Id), Machine.ProcMegabytes("VmHWM", child.Id), before);
        }
        catch (TimeoutException)
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException("PlanBot never polled: " + await error + await output);
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

    private static string AppPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PlanBot.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? ".", "src", "PlanBot", "bin", "Release", "net10.0", "PlanBot.dll");
    }
}
