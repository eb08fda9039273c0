using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Invites;

public static class InvitesSetup
{
    /// <summary>
    /// Invites (making, redeeming, the guessing limit) and the bot username the invite links need: Telegram:BotUsername,
    /// replaced by the username Telegram reports (getMe) when the bot runs.
    /// </summary>
    public static IServiceCollection AddInvites(this IServiceCollection services)
    {
        services.AddOptions<TelegramLinkOptions>().BindConfiguration(TelegramLinkOptions.Section);
        services.AddOptions<InviteOptions>()
            .BindConfiguration(InviteOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<InviteService>();
        services.AddSingleton<InviteAttemptLimiter>();
        return services;
    }
}
