using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Reliability;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Telegram;

/// <summary>The Telegram bot keeps its log on stdout; redirected to a file or a pipe, the log carries no colour codes.</summary>
public sealed class TelegramLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_bot_whose_output_is_not_a_terminal_logs_plain_lines_on_stdout()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await FakeBotApiServer.StartAsync();
        // BotProcess asks for plain lines itself; here the bot's own defaults decide.
        await using var bot = BotProcess.Start(
            ReliabilityPlan.ProcessSettings(api.BaseUrl, database.ConnectionString),
            new Dictionary<string, string?> { ["Logging__Console__FormatterName"] = null, ["Logging__Console__FormatterOptions__ColorBehavior"] = null });

        await api.WaitForCallAsync("getUpdates", timeout: Patience);
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (!bot.StandardOutput.Contains("Application started", StringComparison.Ordinal))
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        await bot.KillAsync();

        Assert.Contains("info: PlanBot.Storage.DatabaseStartup", bot.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', bot.Output);
    }
}
