using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Members;

public static class MembersSetup
{
    /// <summary>Invites (making and redeeming) and the bot username the invite links need (Telegram:BotUsername).</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddOptions<TelegramLinkOptions>().BindConfiguration(TelegramLinkOptions.Section);
        services.AddSingleton<InviteService>();
        return services;
    }
}
