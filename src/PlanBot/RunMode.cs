using Microsoft.Extensions.Configuration;
using PlanBot.Telegram;

namespace PlanBot;

/// <summary>What this process is for, decided once from configuration by <see cref="PlanBotHost"/>; every setup switches on it.</summary>
public enum RunMode
{
    /// <summary>No Telegram:BotToken: the bot talks on the console.</summary>
    Console,

    /// <summary>The bot on Telegram, asking for updates (getUpdates).</summary>
    TelegramPolling,

    /// <summary>The bot on Telegram, receiving updates on its own web server behind the operator's HTTPS proxy.</summary>
    TelegramWebhook,

    /// <summary>An admin verb (import, members, tasks, report, export): no hosted service runs, nothing is received or sent.</summary>
    Cli,
}

public static class RunModes
{
    /// <summary>The one place that reads which channel the bot runs on.</summary>
    public static RunMode Decide(IConfiguration configuration, bool cliVerb)
    {
        if (cliVerb)
        {
            return RunMode.Cli;
        }

        var telegram = configuration.GetSection(TelegramOptions.Section);
        if (string.IsNullOrWhiteSpace(telegram[nameof(TelegramOptions.BotToken)]))
        {
            return RunMode.Console;
        }

        return telegram.GetValue<TelegramMode>(nameof(TelegramOptions.Mode)) == TelegramMode.Webhook
            ? RunMode.TelegramWebhook
            : RunMode.TelegramPolling;
    }

    public static bool IsTelegram(this RunMode mode) => mode is RunMode.TelegramPolling or RunMode.TelegramWebhook;

    /// <summary>Whether the process runs as the bot (its hosted services start), as opposed to one CLI verb.</summary>
    public static bool IsBot(this RunMode mode) => mode != RunMode.Cli;
}
