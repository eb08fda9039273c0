using PlanBotBench;

// The benchmark driver (see docs/benchmarks.md). Verbs: all | throughput | fanout | scale | startup, each with --quick;
// scale-child is the separate process the scale figures are measured in.
return await BenchApp.RunAsync(args);
