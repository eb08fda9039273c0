using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Inbox;
using PlanBot.Outbox;

namespace PlanBot.DingTalk;

public static class DingTalkSetup
{
    /// <summary>The HttpClient for tokens and Stream registration (the typed <see cref="DingTalkApi"/> client has its own).</summary>
    public const string HttpClientName = "dingtalk";

    /// <summary>
    /// The DingTalk client: options (validated on start), access tokens, <see cref="DingTalkApi"/> and
    /// <see cref="DingTalkStreamClient"/>. Expects a <see cref="TimeProvider"/> from the host. Wires nothing else.
    /// </summary>
    public static IServiceCollection AddDingTalkClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DingTalkOptions>()
            .Bind(configuration.GetSection(DingTalkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // No HTTP loggers: media upload carries the access token in its URL, and request logs would print it.
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers();
        services.AddHttpClient<DingTalkApi>(client => client.Timeout = TimeSpan.FromSeconds(60))
            .RemoveAllLoggers();

        services.AddSingleton<DingTalkAccessTokens>();
        services.AddSingleton<DingTalkStreamClient>();
        return services;
    }

    /// <summary>
    /// DingTalk as a channel of the bot, when the run mode has it: the client, the Stream receiver into the inbox, the
    /// inbox processor, and an outbox sender lane with the DingTalk transport and limits. Otherwise only the options are
    /// registered (validated, so a half-filled DingTalk section is reported at start).
    /// </summary>
    public static IServiceCollection AddDingTalk(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        if (!mode.IsDingTalk())
        {
            services.AddOptions<DingTalkOptions>().Bind(configuration.GetSection(DingTalkOptions.Section));
            return services;
        }

        services.AddDingTalkClient(configuration);
        services.AddInbox();
        services.AddOutboxSender<DingTalkMessageTransport, DingTalkRateLimiter>(Plans.Channel.DingTalk);
        services.AddHostedService<DingTalkReceiver>();
        return services;
    }
}
