using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Console;

public static class ConsoleSetup
{
    /// <summary>In the console run mode the bot talks on the console: same router, same outbox, same sender; its log goes to a file.</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, RunMode mode)
    {
        if (mode != RunMode.Console)
        {
            return services;
        }

        // stdout is the chat now, and on a terminal stderr shows on the same screen: log lines go to a file instead.
        foreach (var consoleLogger in services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            services.Remove(consoleLogger);
        }

        services.AddSingleton(sp => new ConsoleLogFile(
            sp.GetRequiredService<IOptions<ConsoleOptions>>(), sp.GetRequiredService<DatabaseFile>(), sp.GetRequiredService<PlanClock>));
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<ConsoleLogFile>());
        // Tests register their own reader and writer first; TryAdd keeps them.
        services.TryAddSingleton(_ => ConsoleIO.Standard());
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddSingleton<ConsoleScreen>();
        services.AddSingleton<ConsoleBanner>();
        services.AddOutboxSender<ConsoleTransport, NoSendRateLimit>(channel: null);
        services.AddHostedService<ConsoleChat>();
        return services;
    }
}
