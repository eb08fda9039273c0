using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Chat.Buttons;
using PlanBot.Chat.Joining;
using PlanBot.Texts;
using PlanBot.Chat.Progress;
using PlanBot.Invites;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>
/// Two-level routing: first the kind of inbound (message, button, edit), then the command name.
/// Nobody outside the roster gets past <see cref="RouteAsync"/> to plan data.
/// </summary>
public sealed class ChatRouter(
    IEnumerable<IChatCommand> commands,
    MemberResolver members,
    InviteRedeemer invites,
    PlainTextHandler plainText,
    CallbackHandler callbacks,
    TaskActions actions,
    IChatChanges chats,
    IOptions<TelegramLinkOptions> telegram) : IChatRouter
{
    /// <summary>Commands that show no plan data, so they work in any group.</summary>
    private static readonly HashSet<string> GroupSafe = new(StringComparer.OrdinalIgnoreCase) { "start", "help", "subscribe", "unsubscribe", "whoami", "lang" };

    private readonly Dictionary<string, IChatCommand> _commands = commands.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public Task<ChatResponse> RouteAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct) => message.Kind switch
    {
        InboundKind.Message => OnMessageAsync(message, db, ct),
        InboundKind.Callback => OnCallbackAsync(message, db, ct),
        InboundKind.EditedMessage => OnEditedAsync(message, db, ct),
        InboundKind.ChatMoved when message.MovedToChatId is { } to => OnChatMovedAsync(message, to, db, ct),
        InboundKind.BotRemoved => OnBotRemovedAsync(message, db, ct),
        _ => Task.FromResult(ChatResponse.None),
    };

    private async Task<ChatResponse> OnMessageAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return ChatResponse.None;
        }

        var command = CommandLine.TryParse(message.Text);
        if (command?.BotUsername is { } bot && !telegram.Value.IsThisBot(bot))
        {
            return ChatResponse.None; // addressed to another bot in the group
        }

        var member = await members.FindAsync(db, message, ct);
        if (member is null)
        {
            return await OnStrangerAsync(message, command, db, ct);
        }

        var request = new ChatRequest(message, member, db, command?.Arguments ?? "");
        if (command is null)
        {
            // Groups are for talking among people: only commands are for the bot there.
            return message.IsPrivateChat ? await plainText.HandleAsync(request, ct) : ChatResponse.None;
        }

        if (message.IsPrivateChat)
        {
            await actions.ClosePromptsAsync(request, ct);
        }

        if (!_commands.TryGetValue(command.Name, out var handler))
        {
            return request.Answer(request.T.Format("error.unknownCommand", command.Name));
        }

        if (!handler.MayUse(member))
        {
            return request.Answer(request.T.Format("error.notAllowed", command.Name, new RawHtml(RolesText(handler.AllowedRoles, request.T))));
        }

        // A group may hold people outside the roster: plan data goes only to private chats and subscribed (leaders') groups.
        if (!message.IsPrivateChat && !GroupSafe.Contains(handler.Name)
            && !await db.ChatSubscriptions.AnyAsync(s => s.ChatId == message.ChatId, ct))
        {
            return request.Answer(request.T.Format("error.groupPrivate", handler.Name));
        }

        return await handler.HandleAsync(request, ct);
    }

    private async Task<ChatResponse> OnStrangerAsync(InboundMessage message, CommandLine? command, PlanBotDbContext db, CancellationToken ct)
    {
        if (members.IsConfiguredAdmin(message.FromUserId))
        {
            var admin = await members.CreateAdminAsync(db, message, ct);
            var t = TextSet.For(admin.Language);
            return new ChatResponse([new OutgoingMessage(message.ChatId, t.Format("join.admin", admin.Name) + "\n" + t["join.next"])
            {
                RecipientMemberId = null, // the member has no id until the caller saves
            }]);
        }

        if (command is { Name: "start", Arguments.Length: > 0 })
        {
            return await invites.RedeemAsync(db, message, command.Arguments, ct);
        }

        // DingTalk has no start links: the invite code pasted alone into the private chat joins as /start CODE does.
        if (message.IsPrivateChat && command is null && InviteRedeemer.IsCodeAlone(message.Text))
        {
            return await invites.RedeemAsync(db, message, message.Text!, ct);
        }

        if (!message.IsPrivateChat && command is null)
        {
            return ChatResponse.None;
        }

        return new ChatResponse([new OutgoingMessage(message.ChatId, TextSet.ForStranger(message.FromLanguageCode)["join.notRegistered"])]);
    }

    private async Task<ChatResponse> OnCallbackAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        var member = await members.FindAsync(db, message, ct);
        if (member is null)
        {
            return new ChatResponse([], TextSet.ForStranger(message.FromLanguageCode)["toast.notRegistered"]);
        }

        var response = await callbacks.HandleAsync(new ChatRequest(message, member, db), ct);

        // Old cards stay in a group after /unsubscribe: a press there may act (the presser's own rights are checked),
        // but the refreshed card must not be posted to a group that may hold people outside the roster. The toast is
        // shown to the presser alone.
        if (!message.IsPrivateChat && response.Messages.Any(m => m.ChatId == message.ChatId)
            && !await db.ChatSubscriptions.AnyAsync(s => s.ChatId == message.ChatId, ct))
        {
            return response with { Messages = [.. response.Messages.Where(m => m.ChatId != message.ChatId)] };
        }

        return response;
    }

    private async Task<ChatResponse> OnEditedAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        // An edit is never applied: the original was already handled, and applying the new text would count it twice.
        if (!message.IsPrivateChat)
        {
            return ChatResponse.None;
        }

        var member = await members.FindAsync(db, message, ct);
        return member is null ? ChatResponse.None : new ChatRequest(message, member, db).Answer(TextSet.For(member.Language)["hint.editIgnored"]);
    }

    // Both come from Telegram itself (service message, my_chat_member), never from what a person typed.
    private async Task<ChatResponse> OnChatMovedAsync(InboundMessage message, ChatAddress to, PlanBotDbContext db, CancellationToken ct)
    {
        await chats.MovedAsync(db, message.ChatId, to, message.ChatTitle, ct);
        return ChatResponse.None;
    }

    private async Task<ChatResponse> OnBotRemovedAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        await chats.GoneAsync(db, message.ChatId, message.ChatTitle, "removed from the group", ct);
        return ChatResponse.None;
    }

    private static string RolesText(MemberRoles roles, TextSet t) =>
        string.Join(" / ", new[] { MemberRoles.Owner, MemberRoles.Supervisor, MemberRoles.Admin }
            .Where(r => roles.HasFlag(r))
            .Select(r => t["role." + r]));
}
