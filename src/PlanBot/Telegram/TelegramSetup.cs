using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Inbox;
using PlanBot.Outbox;
using Telegram.Bot;

namespace PlanBot.Telegram;

public static class TelegramSetup
{
    public const string HttpClientName = "telegram";

    /// <summary>
    /// The Telegram transport: bot client, receiver (polling or webhook), inbox processor, outbox sender with the
    /// Telegram transport, command menu. The one place that decides: with an empty Telegram:BotToken nothing of this
    /// is registered (only the options, so features can read them) and the console chat runs instead.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var section = configuration.GetSection(TelegramOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(TelegramOptions.BotToken)]))
        {
            return services;
        }

        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(90))
            // The default HTTP logs print request URLs, and every Bot API URL contains the token.
            .RemoveAllLoggers()
            .AddTypedClient<ITelegramBotClient>((http, sp) =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/');
                // The outbox owns retries (429 included), so the client must not retry behind its back.
                return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken, baseUrl) { RetryThreshold = 0 }, http);
            });

        services.AddTransient<IMessageTransport, TelegramMessageTransport>();
        services.AddInbox();
        services.AddOutboxSender();
        services.AddHostedService<TelegramBotSetup>();
        if (section.GetValue<TelegramMode>(nameof(TelegramOptions.Mode)) == TelegramMode.Webhook)
        {
            services.AddHostedService<TelegramWebhookReceiver>();
        }
        else
        {
            services.AddHostedService<TelegramPollingReceiver>();
        }

        return services;
    }
}
