using PlanBot.Chat;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PlanBot.Telegram;

/// <summary>Turns a Telegram update into the transport-neutral <see cref="InboundMessage"/> the router understands.</summary>
public static class UpdateMapper
{
    public static InboundMessage Map(Update update) => update switch
    {
        { Message: { } message } => FromMessage(update.Id, InboundKind.Message, message),
        { EditedMessage: { } message } => FromMessage(update.Id, InboundKind.EditedMessage, message),
        { CallbackQuery: { } query } => FromCallback(update.Id, query),
        _ => Other(update),
    };

    private static InboundMessage FromMessage(long updateId, InboundKind kind, Message message) => new(
        updateId,
        kind,
        message.Chat.Id,
        message.Chat.Type == ChatType.Private,
        // Messages sent on behalf of a channel or an anonymous group admin carry no person.
        message.From?.Id ?? message.Chat.Id,
        DisplayName(message.From) ?? message.Chat.Title,
        message.Text ?? message.Caption,
        MessageId: message.Id,
        ReplyToMessageId: message.ReplyToMessage?.Id,
        FromLanguageCode: message.From?.LanguageCode);

    private static InboundMessage FromCallback(long updateId, CallbackQuery query) => new(
        updateId,
        InboundKind.Callback,
        // A button on a message too old to be shown has no chat: the presser's private chat is where to answer.
        query.Message?.Chat.Id ?? query.From.Id,
        query.Message is null || query.Message.Chat.Type == ChatType.Private,
        query.From.Id,
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
            chat?.Id ?? from?.Id ?? 0,
            chat?.Type == ChatType.Private,
            from?.Id ?? 0,
            DisplayName(from),
            Text: null,
            FromLanguageCode: from?.LanguageCode);
    }

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
