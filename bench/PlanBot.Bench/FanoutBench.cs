namespace PlanBotBench;
public static class FanoutBench { public static Task RunAsync(bool quick) => Task.CompletedTask; }
