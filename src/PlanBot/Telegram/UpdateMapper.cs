using PlanBot.Chat;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using PlanBot.Plans;

namespace PlanBot.Telegram;

/// <summary>Turns a Telegram update into the transport-neutral <see cref="InboundMessage"/> the router understands.</summary>
public static class UpdateMapper
{
    public static InboundMessage Map(Update update) => update switch
    {
        { Message.MigrateToChatId: { } to } => Moved(update.Id, update.Message!, from: update.Message!.Chat.Id, to),
        { Message.MigrateFromChatId: { } from } => Moved(update.Id, update.Message!, from, to: update.Message!.Chat.Id),
        { MyChatMember: { Chat.Type: not ChatType.Private, NewChatMember.Status: ChatMemberStatus.Kicked or ChatMemberStatus.Left } change } =>
            new InboundMessage(
                update.Id,
                InboundKind.BotRemoved,
                T(change.Chat.Id),
                IsPrivateChat: false,
                T(change.From.Id),
                DisplayName(change.From),
                Text: null,
                FromLanguageCode: change.From.LanguageCode,
                ChatTitle: change.Chat.Title),
        { Message: { } message } => FromMessage(update.Id, InboundKind.Message, message),
        { EditedMessage: { } message } => FromMessage(update.Id, InboundKind.EditedMessage, message),
        { CallbackQuery: { } query } => FromCallback(update.Id, query),
        _ => Other(update),
    };

    private static InboundMessage FromMessage(long updateId, InboundKind kind, Message message) => new(
        updateId,
        kind,
        T(message.Chat.Id),
        message.Chat.Type == ChatType.Private,
        // Messages sent on behalf of a channel or an anonymous group admin carry no person.
        T(message.From?.Id ?? message.Chat.Id),
        DisplayName(message.From) ?? message.Chat.Title,
        message.Text ?? message.Caption,
        MessageId: message.Id,
        ReplyToMessageId: message.ReplyToMessage?.Id,
        FromLanguageCode: message.From?.LanguageCode);

    /// <summary>Telegram announces an upgrade twice: in the old group (migrate_to) and in the new supergroup (migrate_from).</summary>
    private static InboundMessage Moved(long updateId, Message message, long from, long to) => new(
        updateId,
        InboundKind.ChatMoved,
        T(from),
        IsPrivateChat: false,
        T(message.From?.Id ?? message.Chat.Id),
        DisplayName(message.From) ?? message.Chat.Title,
        Text: null,
        MessageId: message.Id,
        FromLanguageCode: message.From?.LanguageCode,
        MovedToChatId: T(to),
        ChatTitle: message.Chat.Title);

    private static InboundMessage FromCallback(long updateId, CallbackQuery query) => new(
        updateId,
        InboundKind.Callback,
        // A button on a message too old to be shown has no chat: the presser's private chat is where to answer.
        T(query.Message?.Chat.Id ?? query.From.Id),
        query.Message is null || query.Message.Chat.Type == ChatType.Private,
        T(query.From.Id),
        DisplayName(query.From),
        Text: null,
        MessageId: query.Message?.Id,
        CallbackQueryId: query.Id,
        CallbackData: query.Data,
        FromLanguageCode: query.From.LanguageCode);

    private static InboundMessage Other(Update update)
    {
        var chat = update.MyChatMember?.Chat ?? update.ChatMember?.Chat ?? update.ChannelPost?.Chat;
        var from = update.MyChatMember?.From ?? update.ChatMember?.From;
        return new InboundMessage(
            update.Id,
            InboundKind.Other,
            T(chat?.Id ?? from?.Id ?? 0),
            chat?.Type == ChatType.Private,
            T(from?.Id ?? 0),
            DisplayName(from),
            Text: null,
            FromLanguageCode: from?.LanguageCode);
    }

    private static ChatAddress T(long id) => ChatAddress.Telegram(id);

    private static string? DisplayName(User? user)
    {
        if (user is null)
        {
            return null;
        }

        var name = $"{user.FirstName} {user.LastName}".Trim();
        return name.Length > 0 ? name : user.Username;
    }
}
