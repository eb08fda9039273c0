using Microsoft.Extensions.Configuration;
using PlanBot.DingTalk;
using PlanBot.Telegram;

namespace PlanBot;

/// <summary>
/// What this process is for, decided once from configuration by <see cref="PlanBotHost"/>; every setup switches on it.
/// The bot may run on Telegram and DingTalk at once (one roster, one plan, one outbox): those flags combine.
/// </summary>
[Flags]
public enum RunMode
{
    /// <summary>Neither a Telegram token nor DingTalk credentials: the bot talks on the console.</summary>
    Console = 1,

    /// <summary>The bot on Telegram, asking for updates (getUpdates).</summary>
    TelegramPolling = 2,

    /// <summary>The bot on Telegram, receiving updates on its own web server behind the operator's HTTPS proxy.</summary>
    TelegramWebhook = 4,

    /// <summary>The bot on DingTalk: Stream mode in (an outgoing WebSocket), the robot's OpenAPI out.</summary>
    DingTalk = 8,

    /// <summary>An admin verb (import, members, tasks, report, export): no hosted service runs, nothing is received or sent.</summary>
    Cli = 16,
}

public static class RunModes
{
    /// <summary>The one place that reads which channels the bot runs on.</summary>
    public static RunMode Decide(IConfiguration configuration, bool cliVerb)
    {
        if (cliVerb)
        {
            return RunMode.Cli;
        }

        RunMode mode = 0;
        var telegram = configuration.GetSection(TelegramOptions.Section);
        if (!string.IsNullOrWhiteSpace(telegram[nameof(TelegramOptions.BotToken)]))
        {
            mode |= telegram.GetValue<TelegramMode>(nameof(TelegramOptions.Mode)) == TelegramMode.Webhook
                ? RunMode.TelegramWebhook
                : RunMode.TelegramPolling;
        }

        var dingTalk = configuration.GetSection(DingTalkOptions.Section);
        if (!string.IsNullOrWhiteSpace(dingTalk[nameof(DingTalkOptions.ClientId)]) && !string.IsNullOrWhiteSpace(dingTalk[nameof(DingTalkOptions.ClientSecret)]))
        {
            mode |= RunMode.DingTalk;
        }

        return mode == 0 ? RunMode.Console : mode;
    }

    public static bool IsTelegram(this RunMode mode) => (mode & (RunMode.TelegramPolling | RunMode.TelegramWebhook)) != 0;

    public static bool IsDingTalk(this RunMode mode) => (mode & RunMode.DingTalk) != 0;

    /// <summary>Whether the process runs as the bot (its hosted services start), as opposed to one CLI verb.</summary>
    public static bool IsBot(this RunMode mode) => mode != RunMode.Cli;
}
