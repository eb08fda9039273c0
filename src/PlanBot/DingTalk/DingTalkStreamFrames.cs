using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanBot.DingTalk;

/// <summary>The Stream protocol's JSON frames (/tmp/dingtalk-protocol.md §8).</summary>
internal static class DingTalkStreamFrames
{
    public const string System = "SYSTEM";
    public const string Callback = "CALLBACK";
    public const string Event = "EVENT";
    public const string Ping = "ping";
    public const string Disconnect = "disconnect";

    /// <summary>One pushed frame. <see cref="Data"/> is the raw JSON string carried in "data".</summary>
    public sealed record Frame(string Type, string? Topic, string? MessageId, string Data);

    public static Frame? TryParse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || DingTalkErrors.ReadString(root, "type") is not { } type)
            {
                return null;
            }

            string? topic = null, messageId = null;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                topic = DingTalkErrors.ReadString(headers, "topic");
                messageId = DingTalkErrors.ReadString(headers, "messageId");
            }

            var data = root.TryGetProperty("data", out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                // Tolerate a server that sends data as an object: hand over its JSON text.
                _ => value.GetRawText(),
            } : "";
            return new Frame(type, topic, messageId, data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The ack DingTalk expects: code 200, the frame's messageId, and <paramref name="data"/> as a JSON string.</summary>
    public static byte[] Ack(string messageId, string data)
    {
        var ack = new JsonObject
        {
            ["code"] = 200,
            ["headers"] = new JsonObject { ["messageId"] = messageId, ["contentType"] = "application/json" },
            ["message"] = "OK",
            ["data"] = data,
        };
        return JsonSerializer.SerializeToUtf8Bytes(ack, DingTalkJson.Options);
    }

    /// <summary>Data of a callback's ack: card callbacks answer an empty response (leave the card as it is).</summary>
    public static string CallbackAckData(string topic) =>
        topic == DingTalkStreamTopics.CardCallback ? """{"response":{}}""" : """{"response":null}""";
}
