using PlanBot;

using var host = PlanBotHost.CreateBuilder(args).Build();
await host.RunAsync();
