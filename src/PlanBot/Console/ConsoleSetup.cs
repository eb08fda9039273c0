using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PlanBot.Console;

public static class ConsoleSetup
{
    /// <summary>With no Telegram:BotToken, the bot talks on the console instead: same router, same outbox.</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]))
        {
            return services;
        }

        // stdout is the chat now: every log line goes to stderr, so `2>planbot.log` leaves a clean conversation.
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Tests register their own reader and writer first; TryAdd keeps them.
        services.TryAddSingleton(_ => ConsoleIO.Standard());
        services.AddSingleton<ConsoleOutbox>();
        services.AddHostedService<ConsoleChat>();
        return services;
    }
}
