namespace PlanBotBench;
public static class StartupBench { public static Task RunAsync(bool quick) => Task.CompletedTask; }
