namespace PlanBotBench;
public static class ScaleBench { public static Task RunAsync(bool quick) => Task.CompletedTask; public static Task<int> ChildAsync(string d, string w, int r) => Task.FromResult(0); }
