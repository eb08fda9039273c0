using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat.Buttons;
using PlanBot.Chat.Cards;
using PlanBot.Chat.Commands;
using PlanBot.Chat.Joining;
using PlanBot.Chat.Progress;
using PlanBot.Outbox;

namespace PlanBot.Chat;

public static class ChatSetup
{
    /// <summary>
    /// The router, its commands (in /help order), buttons and the default <see cref="IInboundHandler"/>.
    /// Needs <see cref="Invites.InvitesSetup.AddInvites"/> (invites, the bot username).
    /// /digest, /report and /remind use <see cref="ISupervisorReports"/> and <see cref="IReminderTrigger"/> when registered.
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section);
        services.AddSingleton<CallbackSigner>();
        services.AddSingleton<TaskButtons>();
        services.AddSingleton<ITaskButtons>(sp => sp.GetRequiredService<TaskButtons>());
        services.AddSingleton<TaskCards>();
        services.AddSingleton<TaskActions>();
        services.AddSingleton<CloseOutDecisions>();
        services.AddSingleton<PlainTextHandler>();
        services.AddSingleton<CallbackHandler>();
        services.AddSingleton<Supervision.NoticeActions>();
        services.AddSingleton<MemberResolver>();
        services.AddSingleton<InviteRedeemer>();
        services.AddSingleton<IInboundHandler, InboundHandler>();
        services.AddSingleton<IChatChanges, GroupChats>();
        services.AddScoped<IChatRouter, ChatRouter>();

        services.AddScoped<IChatCommand, StartCommand>();
        services.AddScoped<IChatCommand, HelpCommand>();
        services.AddScoped<IChatCommand, MyCommand>();
        services.AddScoped<IChatCommand, ListsCommand>();
        services.AddScoped<IChatCommand, ListCommand>();
        services.AddScoped<IChatCommand, TaskCommand>();
        services.AddScoped<IChatCommand, ProgressCommand>();
        services.AddScoped<IChatCommand, DoneCommand>();
        services.AddScoped<IChatCommand, BlockedCommand>();
        services.AddScoped<IChatCommand, ExtendCommand>();
        services.AddScoped<IChatCommand, OverdueCommand>();
        services.AddScoped<IChatCommand, NoticesCommand>();
        services.AddScoped<IChatCommand, DigestCommand>();
        services.AddScoped<IChatCommand, ReportCommand>();
        services.AddScoped<IChatCommand, RemindCommand>();
        services.AddScoped<IChatCommand, InviteCommand>();
        services.AddScoped<IChatCommand, SubscribeCommand>();
        services.AddScoped<IChatCommand, UnsubscribeCommand>();
        services.AddScoped<IChatCommand, PauseCommand>();
        services.AddScoped<IChatCommand, LangCommand>();
        services.AddScoped<IChatCommand, WhoamiCommand>();
        services.AddScoped<IChatCommand, FeedbackCommand>();
        return services;
    }
}
