using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanBot.DingTalk;

/// <summary>
/// Builds the body of DingTalk's built-in "StandardCard" template (互动卡片普通版): a title, a markdown body and one row
/// of "request" buttons whose ids are the callers' payloads, so a press reports the payload back over Stream.
/// </summary>
internal static class DingTalkCard
{
    public const string TemplateId = "StandardCard";

    public static string BuildCardData(string title, string markdown, IReadOnlyList<DingTalkCardButton> buttons)
    {
        var contents = new JsonArray
        {
            new JsonObject { ["type"] = "markdown", ["text"] = markdown, ["id"] = "markdown_body" },
        };

        if (buttons.Count > 0)
        {
            var actions = new JsonArray();
            for (var i = 0; i < buttons.Count; i++)
            {
                var button = buttons[i];
                actions.Add(new JsonObject
                {
                    ["type"] = "button",
                    ["label"] = new JsonObject { ["type"] = "text", ["text"] = button.Label, ["id"] = $"label_{i}" },
                    ["actionType"] = "request",
                    ["status"] = button.Primary ? "primary" : "normal",
                    // The id is what the callback's cardPrivateData.actionIds reports.
                    ["id"] = button.Payload,
                });
            }

            contents.Add(new JsonObject { ["type"] = "action", ["id"] = "action_buttons", ["actions"] = actions });
        }

        var card = new JsonObject
        {
            // Forwarded copies would carry live buttons into chats the bot does not expect them in.
            ["config"] = new JsonObject { ["autoLayout"] = true, ["enableForward"] = false },
            ["header"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "text", ["text"] = title } },
            ["contents"] = contents,
        };
        return card.ToJsonString(DingTalkJson.Options);
    }

    public static string? Validate(string cardBizId, IReadOnlyList<DingTalkCardButton> buttons)
    {
        if (string.IsNullOrWhiteSpace(cardBizId))
        {
            return "cardBizId is required";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            if (string.IsNullOrEmpty(button.Payload) || button.Payload.Length > DingTalkCardButton.MaxPayloadLength)
            {
                return $"button payloads must be 1-{DingTalkCardButton.MaxPayloadLength} characters";
            }

            if (!ids.Add(button.Payload))
            {
                return "button payloads must differ (they are the buttons' ids)";
            }
        }

        return null;
    }

    public static string SingleChatReceiver(string userId) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["userId"] = userId }, DingTalkJson.Options);
}
