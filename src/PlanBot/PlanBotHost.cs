using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Console;
using PlanBot.Dashboard;
using PlanBot.Import;
using PlanBot.Invites;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Telegram;
using PlanBot.DingTalk;

namespace PlanBot;

/// <summary>Composes the app: one Add* call per feature folder. Tests and the CLI build the same host.</summary>
public static class PlanBotHost
{
    /// <summary>The bot: its run mode (console or Telegram) comes from the configuration.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<HostApplicationBuilder>? configure = null) =>
        Create(args, configure, cliVerb: false);

    /// <summary>The host a CLI verb runs in: the same services, none of the bot's channels or schedules.</summary>
    public static HostApplicationBuilder CreateCliBuilder(string[] args, Action<HostApplicationBuilder>? configure = null) =>
        Create(args, configure, cliVerb: true);

    private static HostApplicationBuilder Create(string[] args, Action<HostApplicationBuilder>? configure, bool cliVerb)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // Embedded defaults sit below every other source, so appsettings.json, environment and arguments override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });
        configure?.Invoke(builder);
        // A service that cannot be built fails the start in every environment, not only in Development.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var mode = RunModes.Decide(builder.Configuration, cliVerb);
        PlainLogsUnlessTerminal(builder);
        builder.Services
            .AddPlanClock()
            .AddPlanRules()
            .AddStorage(builder.Configuration, mode)
            .AddImport()
            .AddInvites()
            .AddOutbox()
            .AddReports()
            .AddScheduling(builder.Configuration, mode)
            .AddTelegram(mode)
            .AddDingTalk(builder.Configuration, mode)
            .AddChat()
            .AddDashboard(builder.Configuration, mode)
            .AddConsoleChat(mode);
        return builder;
    }

    /// <summary>
    /// Colour codes are for a terminal: in a file or a pipe (a service manager's journal, `&gt;bot.log`, `2&gt;err.log`)
    /// they are noise. .NET's own rule looks at stdout only, but the console logger may write to stderr (the CLI does).
    /// </summary>
    private static void PlainLogsUnlessTerminal(HostApplicationBuilder builder)
    {
        if (System.Console.IsOutputRedirected || System.Console.IsErrorRedirected)
        {
            builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.ColorBehavior = LoggerColorBehavior.Disabled);
        }
    }

    /// <summary>Library chatter (every SQL statement, every HTTP call) stays out of the operator's log unless asked for.</summary>
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        // A failing command surfaces as an exception that PlanBot reports itself (with the database's path); EF Core's
        // own error line would only repeat it, with the SQL, in the middle of a CLI's one-line answer.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Update"] = "Critical",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Quartz"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };
}
