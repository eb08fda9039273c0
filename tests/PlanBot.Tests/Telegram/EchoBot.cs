using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanBot.Chat;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

/// <summary>Starts the real host against the fake Bot API with the <see cref="EchoRouter"/> as its router.</summary>
public static class EchoBot
{
    public static Task<BotTestHost> StartAsync(FakeBotApiServer api, Action<BotTestHostOptions>? configure = null) =>
        BotTestHost.StartAsync(api, options =>
        {
            configure?.Invoke(options);
            var more = options.Services;
            options.Services = services =>
            {
                services.RemoveAll<IChatRouter>();
                services.AddScoped<IChatRouter, EchoRouter>();
                more?.Invoke(services);
            };
        });
}
