using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PlanBot.Outbox;

namespace PlanBot.Console;

public static class ConsoleSetup
{
    /// <summary>In the console run mode the bot talks on the console: same router, same outbox, same sender.</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, RunMode mode)
    {
        if (mode != RunMode.Console)
        {
            return services;
        }

        // stdout is the chat now: every log line goes to stderr, so `2>planbot.log` leaves a clean conversation.
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Tests register their own reader and writer first; TryAdd keeps them.
        services.TryAddSingleton(_ => ConsoleIO.Standard());
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddSingleton<ConsoleScreen>();
        services.AddOutboxSender<ConsoleTransport, NoSendRateLimit>();
        services.AddHostedService<ConsoleChat>();
        return services;
    }
}
