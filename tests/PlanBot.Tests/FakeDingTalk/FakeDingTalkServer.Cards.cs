using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// Interactive cards with buttons, and their presses over the Stream gateway. Two APIs:
/// <list type="bullet">
/// <item>the robot's interactive card with the built-in StandardCard template,
/// POST /v1.0/im/v1.0/robot/interactiveCards/send (https://open.dingtalk.com/document/orgapp/robots-send-interactive-cards;
/// the Python SDK's ChatbotHandler.reply_card sends it this way), which the PlanBot client uses;</item>
/// <item>POST /v1.0/card/instances/createAndDeliver with a card-platform template and callbackType STREAM
/// (the SDKs' card_replier), kept as the documented alternative.</item>
/// </list>
/// A press arrives on <see cref="CardCallbackTopic"/> as {outTrackId, userId, corpId, type "actionCallback", spaceType,
/// spaceId, userIdType, extension, content} where content is a JSON string {cardPrivateData {actionIds, params}}
/// (card_callback.py in the Python SDK, card/model.go in the Go SDK).
/// </summary>
public sealed partial class FakeDingTalkServer
{
    /// <summary>The robot card API's path.</summary>
    public const string RobotCardPath = "/v1.0/im/v1.0/robot/interactiveCards/send";

    public const string CreateAndDeliverPath = "/v1.0/card/instances/createAndDeliver";

    private readonly List<CardRecord> _cards = [];

    /// <summary>The cards accepted so far, in order.</summary>
    public IReadOnlyList<CardRecord> Cards
    {
        get
        {
            lock (_lock)
            {
                return [.. _cards];
            }
        }
    }

    /// <summary>Waits for an accepted card matching <paramref name="match"/>.</summary>
    public async Task<CardRecord> WaitForCardAsync(Func<CardRecord, bool> match, TimeSpan? timeout = null)
    {
        await WaitForAsync(() => Cards.Any(match), timeout, "a matching card");
        return Cards.First(match);
    }

    /// <summary>
    /// <paramref name="userId"/> presses the button <paramref name="buttonIndex"/> (0-based, in the card's order) of
    /// <paramref name="card"/>: the card callback goes to the socket that subscribed to <see cref="CardCallbackTopic"/>.
    /// Returns its messageId, to wait for the ack (whose data may carry the card's update).
    /// </summary>
    public Task<string> PressCardButtonAsync(CardRecord card, int buttonIndex, string userId)
    {
        var button = card.Buttons[buttonIndex];
        return PressCardAsync(card, userId, [button.Id], button.Params);
    }

    /// <summary>A card callback with any action ids and params (a template card's inputs, say).</summary>
    public Task<string> PressCardAsync(CardRecord card, string userId, IReadOnlyList<string> actionIds, JsonObject parameters)
    {
        var content = new JsonObject
        {
            ["cardPrivateData"] = new JsonObject
            {
                ["actionIds"] = new JsonArray([.. actionIds.Select(id => JsonValue.Create(id))]),
                ["params"] = parameters.DeepClone(),
            },
        };
        var data = new JsonObject
        {
            ["outTrackId"] = card.CardId,
            ["userId"] = userId,
            ["corpId"] = CorpId,
            ["type"] = "actionCallback",
            // UNCERTAIN: the values DingTalk puts in spaceType/spaceId; modelled on openSpaceId's IM_ROBOT / IM_GROUP.
            ["spaceType"] = card.OpenConversationId is null ? "IM_ROBOT" : "IM_GROUP",
            ["spaceId"] = card.OpenConversationId ?? card.UserId,
            ["userIdType"] = 1,
            ["extension"] = "{}",
            ["content"] = content.ToJsonString(),
        };
        return PushCallbackAsync(CardCallbackTopic, data);
    }

    private void MapCardRoutes(WebApplication app)
    {
        app.MapPost(RobotCardPath, SendRobotCardAsync);
        app.MapPost(CreateAndDeliverPath, CreateAndDeliverAsync);
    }

    /// <summary>
    /// The StandardCard robot card: {cardTemplateId "StandardCard", robotCode, cardBizId, cardData (a JSON string),
    /// and either openConversationId or singleChatReceiver (a JSON string {userId})} → {processQueryKey}.
    /// </summary>
    private async Task SendRobotCardAsync(HttpContext context)
    {
        var (body, _) = await ReadJsonAsync(context.Request);
        if (!await AuthorizedAsync(context, body))
        {
            return;
        }

        if (body is null)
        {
            await AnswerMissingBodyAsync(context);
            return;
        }

        string? error = null;
        error ??= (string?)body["robotCode"] != RobotCode ? $"robotCode {(string?)body["robotCode"]} is not this app's robot" : null;
        error ??= (string?)body["cardTemplateId"] != "StandardCard" ? $"cardTemplateId {(string?)body["cardTemplateId"]} is not StandardCard (the only template this fake knows)" : null;
        error ??= string.IsNullOrEmpty((string?)body["cardBizId"]) ? "cardBizId is required" : null;
        var (cardData, buttons, cardError) = ParseStandardCard(body["cardData"]);
        error ??= cardError;
        var (userId, group, targetError) = error is null ? CardTarget(body) : (null, null, null);
        error ??= targetError;
        if (error is not null)
        {
            await AnswerErrorAsync(context, body, 400, "invalidParameter", error);
            return;
        }

        if (!await GroupJoinedAsync(context, body, group) || await FaultAnsweredAsync(context, body, userId is null ? [] : [userId], group))
        {
            return;
        }

        var key = NewId();
        lock (_lock)
        {
            _cards.Add(new CardRecord(RobotCardPath, (string)body["cardBizId"]!, "StandardCard", userId, group, cardData!, buttons!, Now));
        }

        await AnswerAsync(context, body, 200, new JsonObject { ["processQueryKey"] = key });
    }

    /// <summary>
    /// The StandardCard body: {config, header {title}, contents [...]}; buttons are the "button" actions of "action"
    /// elements. A "request" button's id is what DingTalk returns in actionIds, so it must be there and unique.
    /// </summary>
    private static (JsonObject? Data, List<CardButton>? Buttons, string? Error) ParseStandardCard(JsonNode? cardData)
    {
        if (cardData is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return (null, null, "cardData must be a JSON string (the card serialised), not " + (cardData?.GetValueKind().ToString() ?? "absent"));
        }

        JsonObject? data;
        try
        {
            data = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            data = null;
        }

        if (data?["contents"] is not JsonArray contents)
        {
            return (null, null, "cardData needs a contents array");
        }

        var buttons = new List<CardButton>();
        foreach (var element in contents)
        {
            if (element is not JsonObject item || item["type"] is null)
            {
                return (null, null, "every element of contents needs a type");
            }

            if ((string?)item["type"] != "action")
            {
                continue;
            }

            foreach (var action in item["actions"] as JsonArray ?? [])
            {
                var label = (string?)action?["label"]?["text"];
                var id = (string?)action?["id"];
                var actionType = (string?)action?["actionType"];
                if ((string?)action?["type"] != "button" || string.IsNullOrEmpty(label))
                {
                    return (null, null, "an action needs type button and label.text");
                }

                if (actionType == "openLink")
                {
                    continue;
                }

                if (actionType != "request" || string.IsNullOrEmpty(id) || buttons.Any(b => b.Id == id))
                {
                    return (null, null, $"button {label}: a request button needs actionType request and an id unique in the card");
                }

                buttons.Add(new CardButton(id, label, action!["params"] as JsonObject is { } p ? (JsonObject)p.DeepClone() : []));
            }
        }

        return (data, buttons, null);
    }

    /// <summary>Exactly one of openConversationId (a group) and singleChatReceiver (a JSON string {userId}).</summary>
    private static (string? UserId, string? Group, string? Error) CardTarget(JsonObject body)
    {
        var group = (string?)body["openConversationId"];
        var receiver = body["singleChatReceiver"];
        if ((group is null) == (receiver is null))
        {
            return (null, null, "give exactly one of openConversationId and singleChatReceiver");
        }

        if (group is not null)
        {
            return (null, group, null);
        }

        string? userId = null;
        if (receiver is JsonValue value && value.TryGetValue<string>(out var text))
        {
            try
            {
                userId = (string?)JsonNode.Parse(text)?["userId"];
            }
            catch (JsonException)
            {
                userId = null;
            }
        }

        return userId is null ? (null, null, "singleChatReceiver must be a JSON string {\"userId\": …}") : (userId, null, null);
    }

    private async Task<bool> GroupJoinedAsync(HttpContext context, JsonObject? body, string? group)
    {
        bool member;
        lock (_lock)
        {
            member = group is null || _groups.Contains(group);
        }

        if (!member)
        {
            await AnswerErrorAsync(context, body, 400, "resource.not.found", $"robot is not a member of the group {group}");
        }

        return member;
    }

    /// <summary>
    /// createAndDeliver: {cardTemplateId, outTrackId, callbackType "STREAM", cardData {cardParamMap of strings},
    /// openSpaceId "dtv1.card//IM_ROBOT.&lt;userId&gt;" or "dtv1.card//IM_GROUP.&lt;openConversationId&gt;", and the
    /// matching deliver model (imGroupOpenDeliverModel.robotCode for a group)} → {success, result {outTrackId, deliverResults}}.
    /// The template's buttons live on the card platform, so the record has none: press with <see cref="PressCardAsync"/>.
    /// </summary>
    private async Task CreateAndDeliverAsync(HttpContext context)
    {
        var (body, _) = await ReadJsonAsync(context.Request);
        if (!await AuthorizedAsync(context, body))
        {
            return;
        }

        if (body is null)
        {
            await AnswerMissingBodyAsync(context);
            return;
        }

        string? error = null;
        error ??= string.IsNullOrEmpty((string?)body["cardTemplateId"]) ? "cardTemplateId is required" : null;
        error ??= string.IsNullOrEmpty((string?)body["outTrackId"]) ? "outTrackId is required" : null;
        error ??= (string?)body["callbackType"] != "STREAM" ? "callbackType must be STREAM for callbacks over the Stream gateway" : null;
        var paramMap = body["cardData"]?["cardParamMap"] as JsonObject;
        error ??= paramMap is null || paramMap.Any(p => p.Value is not JsonValue v || !v.TryGetValue<string>(out _))
            ? "cardData.cardParamMap must be an object of strings"
            : null;
        var space = (string?)body["openSpaceId"] ?? "";
        string? userId = null;
        string? group = null;
        if (space.StartsWith("dtv1.card//IM_ROBOT.", StringComparison.Ordinal))
        {
            userId = space["dtv1.card//IM_ROBOT.".Length..];
            error ??= (string?)body["imRobotOpenDeliverModel"]?["spaceType"] != "IM_ROBOT" ? "imRobotOpenDeliverModel.spaceType must be IM_ROBOT" : null;
        }
        else if (space.StartsWith("dtv1.card//IM_GROUP.", StringComparison.Ordinal))
        {
            group = space["dtv1.card//IM_GROUP.".Length..];
            error ??= (string?)body["imGroupOpenDeliverModel"]?["robotCode"] != RobotCode ? "imGroupOpenDeliverModel.robotCode must be the robot's code" : null;
        }
        else
        {
            error ??= "openSpaceId must be dtv1.card//IM_ROBOT.<userId> or dtv1.card//IM_GROUP.<openConversationId>";
        }

        if (error is not null)
        {
            await AnswerErrorAsync(context, body, 400, "invalidParameter", error);
            return;
        }

        if (!await GroupJoinedAsync(context, body, group) || await FaultAnsweredAsync(context, body, userId is null ? [] : [userId], group))
        {
            return;
        }

        var outTrackId = (string)body["outTrackId"]!;
        lock (_lock)
        {
            _cards.Add(new CardRecord(CreateAndDeliverPath, outTrackId, (string)body["cardTemplateId"]!, userId, group, (JsonObject)body["cardData"]!.DeepClone(), [], Now));
        }

        await AnswerAsync(context, body, 200, new JsonObject
        {
            ["success"] = true,
            ["result"] = new JsonObject
            {
                ["outTrackId"] = outTrackId,
                ["deliverResults"] = new JsonArray(new JsonObject
                {
                    ["spaceType"] = group is null ? "IM_ROBOT" : "IM_GROUP",
                    ["spaceId"] = group ?? userId,
                    ["success"] = true,
                    ["carrierId"] = NewId(),
                }),
            },
        });
    }
}
