using PlanBotBench;

// The benchmark driver (see docs/benchmarks.md). Verbs: all | throughput | fanout | scale | startup, each with --quick
// and --latency; scale-child is the separate process the scale figures are measured in.
// echo-child <fake URL> runs only the bare echo bot, the start-up figure's idle yardstick: handled here, before
// anything else is touched, so that process loads no more than such a bot would.
if (args is ["echo-child", var baseUrl])
{
    await BareEchoBot.RunAsync(PlanBot.Tests.FakeBotApi.FakeBotApiServer.Token, baseUrl, CancellationToken.None);
    return 0;
}

return await BenchApp.RunAsync(args);
