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
    /// Telegram transport, command menu — when the run mode is Telegram's. Otherwise only the options are registered,
    /// so features can read them.
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, RunMode mode)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        if (!mode.IsTelegram())
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

        services.AddInbox();
        services.AddOutboxSender<TelegramMessageTransport, TelegramRateLimiter>(Plans.Channel.Telegram);
        services.AddHostedService<TelegramProfileSync>();
        services.AddOptions<GroupStatusOptions>().BindConfiguration(GroupStatusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<GroupStatusUpdater>();
        if ((mode & RunMode.TelegramWebhook) != 0)
        {
            AddWebhookReceiver(services);
        }
        else
        {
            services.AddHostedService<TelegramPollingReceiver>();
        }

        return services;
    }

    /// <summary>
    /// Kept out of <see cref="AddTelegram"/>: compiling a method that names the webhook receiver loads ASP.NET Core and
    /// Kestrel, which a bot that polls never uses (several MB of its idle memory, docs/benchmarks.md).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddWebhookReceiver(IServiceCollection services) => services.AddHostedService<TelegramWebhookReceiver>();
}
