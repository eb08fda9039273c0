using System.Text.Json;

namespace PlanBot.DingTalk;

/// <summary>The Stream topics PlanBot subscribes to.</summary>
public static class DingTalkStreamTopics
{
    /// <summary>Messages users send the robot (private chats, and group messages that @ it).</summary>
    public const string BotMessage = "/v1.0/im/bot/messages/get";

    /// <summary>Presses of card buttons.</summary>
    public const string CardCallback = "/v1.0/card/instances/callback";

    internal static readonly string[] All = [BotMessage, CardCallback];
}

/// <summary>One CALLBACK push from DingTalk: its topic, its message id (for de-duplication) and the raw JSON of its data.</summary>
public sealed record DingTalkCallback(string Topic, string MessageId, string Data);

/// <summary>A card button press, read from a <see cref="DingTalkStreamTopics.CardCallback"/> push's data.</summary>
/// <param name="OutTrackId">The card's id (the cardBizId it was sent with).</param>
/// <param name="UserId">The staff id of the user who pressed.</param>
/// <param name="ActionId">The pressed button's payload.</param>
public sealed record DingTalkCardAction(string OutTrackId, string UserId, string ActionId)
{
    /// <summary>Null when the data is not a button press PlanBot can read.</summary>
    public static DingTalkCardAction? TryParse(string data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var outTrackId = DingTalkErrors.ReadString(root, "outTrackId");
            var userId = DingTalkErrors.ReadString(root, "userId");
            // content is itself a JSON string: {"cardPrivateData":{"actionIds":["<button id>"],"params":{}}}
            var content = DingTalkErrors.ReadString(root, "content");
            if (outTrackId is null || userId is null || content is null)
            {
                return null;
            }

            using var contentDoc = JsonDocument.Parse(content);
            if (contentDoc.RootElement.ValueKind == JsonValueKind.Object
                && contentDoc.RootElement.TryGetProperty("cardPrivateData", out var privateData)
                && privateData.ValueKind == JsonValueKind.Object
                && privateData.TryGetProperty("actionIds", out var actionIds)
                && actionIds.ValueKind == JsonValueKind.Array
                && actionIds.GetArrayLength() > 0
                && actionIds[0].ValueKind == JsonValueKind.String)
            {
                return new DingTalkCardAction(outTrackId, userId, actionIds[0].GetString()!);
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
