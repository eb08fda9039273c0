using System.Text.Json;
using PlanBot.Chat;

namespace PlanBot.DingTalk;

/// <summary>
/// Turns what DingTalk pushes over Stream into the transport-neutral <see cref="InboundMessage"/>: a robot message (a
/// private chat with the robot, or a group message that @-mentions it) or a card button press.
/// </summary>
public static class DingTalkInbound
{
    /// <summary>Null for what PlanBot does not act on: another topic, or a sender without a staff id (an outside contact).</summary>
    public static InboundMessage? Map(DingTalkCallback callback) => callback.Topic switch
    {
        DingTalkStreamTopics.BotMessage => FromRobotMessage(callback),
        DingTalkStreamTopics.CardCallback => FromCardPress(callback),
        _ => null,
    };

    private static InboundMessage? FromRobotMessage(DingTalkCallback callback)
    {
        using var json = JsonDocument.Parse(callback.Data);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "senderStaffId") is not { Length: > 0 } staffId)
        {
            return null;
        }

        var isGroup = Text(root, "conversationType") == "2";
        if (isGroup && Text(root, "conversationId") is null)
        {
            return null;
        }

        // In a group DingTalk delivers only messages that @ the robot, with the mention itself taken out of the text.
        var text = Text(root, "msgtype") == "text" && root.TryGetProperty("text", out var body) && body.ValueKind == JsonValueKind.Object
            ? Text(body, "content")?.Trim()
            : null;
        var from = DingTalkAddresses.User(staffId);
        return new InboundMessage(
            UpdateId: 0,
            InboundKind.Message,
            isGroup ? DingTalkAddresses.Group(Text(root, "conversationId")!) : from,
            IsPrivateChat: !isGroup,
            from,
            Text(root, "senderNick"),
            text,
            ChatTitle: isGroup ? Text(root, "conversationTitle") : null,
            // The robot message's own id; a redelivered push carries it again.
            DeliveryId: "msg:" + (Text(root, "msgId") ?? callback.MessageId));
    }

    /// <summary>
    /// A button press on one of PlanBot's cards. It is answered in the presser's private chat: a card in a group is seen
    /// by everyone there, but what the press changed concerns the one who pressed.
    /// </summary>
    private static InboundMessage? FromCardPress(DingTalkCallback callback)
    {
        if (DingTalkCardAction.TryParse(callback.Data) is not { } press)
        {
            return null;
        }

        var presser = DingTalkAddresses.User(press.UserId);
        return new InboundMessage(
            UpdateId: 0,
            InboundKind.Callback,
            presser,
            IsPrivateChat: true,
            presser,
            FromDisplayName: null,
            Text: null,
            CallbackQueryId: "dingtalk:" + callback.MessageId,
            CallbackData: press.ActionId,
            DeliveryId: "card:" + callback.MessageId);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
