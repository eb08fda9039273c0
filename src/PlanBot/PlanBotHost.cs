using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanBot.Chat;
using PlanBot.Common;
using PlanBot.Console;
using PlanBot.Import;
using PlanBot.Members;
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
        configure?.Invoke(builder);
        builder.Services
            .AddPlanBotCommon()
            .AddStorage(builder.Configuration)
            .AddWorkingDays()
            .AddImport()
            .AddMembers()
            .AddScheduling(builder.Configuration)
            .AddTelegram(builder.Configuration)
            .AddChat(builder.Configuration)
            .AddConsoleChat(builder.Configuration);
        return builder;
    }
}
