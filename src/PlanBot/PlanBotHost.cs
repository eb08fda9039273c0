using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanBot.Chat;
using PlanBot.Common;
using PlanBot.Console;
using PlanBot.Import;
using PlanBot.Members;
using PlanBot.Outbox;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Telegram;

namespace PlanBot;

/// <summary>Composes the app: one Add* call per feature folder. Tests and the CLI build the same host.</summary>
public static class PlanBotHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // Embedded defaults sit below every other source, so appsettings.json, environment and arguments override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });
        configure?.Invoke(builder);
        builder.Services
            .AddPlanBotCommon()
            .AddStorage(builder.Configuration)
            .AddWorkingDays()
            .AddImport()
            .AddMembers()
            .AddOutbox()
            .AddReports()
            .AddScheduling(builder.Configuration)
            .AddTelegram(builder.Configuration)
            .AddChat(builder.Configuration)
            .AddConsoleChat(builder.Configuration);
        return builder;
    }

    /// <summary>Library chatter (every SQL statement, every HTTP call) stays out of the operator's log unless asked for.</summary>
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Quartz"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };
}
