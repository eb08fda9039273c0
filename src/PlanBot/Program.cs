using PlanBot.Cli;

// No verb (or "run") runs the bot; any other verb is an admin command (see docs/cli.md).
return await CliApp.RunAsync(args, Console.Out, Console.Error);
