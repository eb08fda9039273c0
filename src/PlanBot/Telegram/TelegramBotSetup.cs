using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Plans;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PlanBot.Telegram;

/// <summary>
/// At start, in both modes: asks Telegram who the bot is (fills <see cref="TelegramOptions.BotUsername"/> when empty,
/// for t.me links) and registers the command menu per language. Either failing is logged and the bot runs on.
/// </summary>
public sealed class TelegramBotSetup(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramBotSetup> logger) : BackgroundService
{
    private const int Attempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();

        var me = await TryAsync("getMe", () => bot.GetMe(stoppingToken), stoppingToken);
        if (me?.Username is { } username)
        {
            if (string.IsNullOrWhiteSpace(options.Value.BotUsername))
            {
                options.Value.BotUsername = username;
            }

            logger.LogInformation("Connected to Telegram as @{Username}", username);
        }

        await TryAsync("setMyCommands (zh)", async () =>
        {
            await bot.SetMyCommands(TelegramBotCommands.For(Languages.Chinese), BotCommandScope.Default(), cancellationToken: stoppingToken);
            return true;
        }, stoppingToken);
        await TryAsync("setMyCommands (en)", async () =>
        {
            await bot.SetMyCommands(TelegramBotCommands.For(Languages.English), BotCommandScope.Default(), Languages.English, stoppingToken);
            return true;
        }, stoppingToken);
    }

    private async Task<T?> TryAsync<T>(string step, Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt == Attempts)
                {
                    logger.LogError("Telegram {Step} failed {Attempts} times; going on without it: {Error}", step, attempt, e.Message);
                    return default;
                }

                logger.LogWarning("Telegram {Step} failed ({Error}); trying again", step, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, ct);
            }
        }
    }
}
