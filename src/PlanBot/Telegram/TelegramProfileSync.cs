using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Invites;
using PlanBot.Plans;
using Telegram.Bot;
using Telegram.Bot.Types;
using PlanBot.Texts;

namespace PlanBot.Telegram;

/// <summary>
/// At start, in both modes: asks Telegram who the bot is (its username becomes <see cref="TelegramLinkOptions.BotUsername"/>,
/// for t.me links and the /cmd@bot check in groups) and registers the command menu per language, made from the chat's
/// registered commands. Either failing is logged and the bot runs on.
/// </summary>
public sealed class TelegramProfileSync(
    IServiceScopeFactory scopes,
    IOptions<TelegramLinkOptions> link,
    TimeProvider time,
    ILogger<TelegramProfileSync> logger) : BackgroundService
{
    private const int Attempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();

        var me = await TryAsync("getMe", () => bot.GetMe(stoppingToken), stoppingToken);
        if (me?.Username is { } username)
        {
            if (link.Value.Username is { } configured && !string.Equals(configured, username, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Telegram:BotUsername is {Configured} but the token belongs to @{Username}; using the latter", configured, username);
            }

            // Telegram's answer wins over configuration: links must open the bot this token belongs to.
            link.Value.BotUsername = username;
            logger.LogInformation("Connected to Telegram as @{Username}", username);
        }

        var commands = scope.ServiceProvider.GetServices<IChatCommand>().ToList();
        await TryAsync("setMyCommands (zh)", async () =>
        {
            await bot.SetMyCommands(Menu(commands, Languages.Chinese), BotCommandScope.Default(), cancellationToken: stoppingToken);
            return true;
        }, stoppingToken);
        await TryAsync("setMyCommands (en)", async () =>
        {
            await bot.SetMyCommands(Menu(commands, Languages.English), BotCommandScope.Default(), Languages.English, stoppingToken);
            return true;
        }, stoppingToken);
    }

    /// <summary>Every chat command with its /help description (the menu shows no HTML, and Telegram allows 256 characters).</summary>
    public static IReadOnlyList<BotCommand> Menu(IEnumerable<IChatCommand> commands, string language) =>
        commands.Select(c => new BotCommand(c.Name, Html.ToPlainText(c.Describe(language), 256))).ToList();

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
