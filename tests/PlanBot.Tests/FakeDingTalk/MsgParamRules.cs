using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// The robot's message templates (msgKey) and the msgParam keys each one needs, from DingTalk's list of the kinds of
/// message a robot sends (https://open.dingtalk.com/document/orgapp/types-of-messages-sent-by-robots). Every value
/// is a string there, numbers included (sampleAudio's duration is "5", not 5).
/// </summary>
internal static class MsgParamRules
{
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["sampleText"] = ["content"],
        ["sampleMarkdown"] = ["title", "text"],
        ["sampleImageMsg"] = ["photoURL"],
        ["sampleLink"] = ["text", "title", "picUrl", "messageUrl"],
        ["sampleActionCard"] = ["title", "text", "singleTitle", "singleURL"],
        ["sampleActionCard2"] = ["title", "text", "actionTitle1", "actionURL1", "actionTitle2", "actionURL2"],
        ["sampleActionCard3"] = ["title", "text", "actionTitle1", "actionURL1", "actionTitle2", "actionURL2", "actionTitle3", "actionURL3"],
        ["sampleActionCard4"] = ["title", "text", "actionTitle1", "actionURL1", "actionTitle2", "actionURL2", "actionTitle3", "actionURL3", "actionTitle4", "actionURL4"],
        ["sampleActionCard5"] = ["title", "text", "actionTitle1", "actionURL1", "actionTitle2", "actionURL2", "actionTitle3", "actionURL3", "actionTitle4", "actionURL4", "actionTitle5", "actionURL5"],
        ["sampleActionCard6"] = ["title", "text", "buttonTitle1", "buttonUrl1", "buttonTitle2", "buttonUrl2"],
        ["sampleAudio"] = ["mediaId", "duration"],
        ["sampleFile"] = ["mediaId", "fileName", "fileType"],
        ["sampleVideo"] = ["duration", "videoMediaId", "videoType", "picMediaId"],
    };

    /// <summary>The msgParam keys that name an uploaded media id (sampleImageMsg's photoURL may be one, or a URL).</summary>
    private static readonly Dictionary<string, string[]> MediaKeys = new(StringComparer.Ordinal)
    {
        ["sampleAudio"] = ["mediaId"],
        ["sampleFile"] = ["mediaId"],
        ["sampleVideo"] = ["videoMediaId", "picMediaId"],
    };

    public static bool IsKnown(string msgKey) => Required.ContainsKey(msgKey);

    /// <summary>The parsed msgParam, or why DingTalk would refuse it.</summary>
    public static (JsonObject? Param, string? Error) Check(string msgKey, string? msgParam, Func<string, bool> isUploaded)
    {
        if (!Required.TryGetValue(msgKey, out var keys))
        {
            return (null, $"msgKey {msgKey} is not a robot message template");
        }

        if (string.IsNullOrEmpty(msgParam))
        {
            return (null, "msgParam is required (a JSON string)");
        }

        JsonObject? param;
        try
        {
            param = JsonNode.Parse(msgParam) as JsonObject;
        }
        catch (JsonException)
        {
            param = null;
        }

        if (param is null)
        {
            return (null, "msgParam is not a JSON object in a string");
        }

        foreach (var key in keys)
        {
            if (param[key] is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
            {
                return (null, $"msgParam of {msgKey} needs the string {key}");
            }
        }

        foreach (var key in MediaKeys.GetValueOrDefault(msgKey) ?? [])
        {
            if (!isUploaded((string)param[key]!))
            {
                return (null, $"{key} {(string?)param[key]} is not an uploaded media id");
            }
        }

        if (msgKey == "sampleImageMsg")
        {
            var photo = (string)param["photoURL"]!;
            var isUrl = photo.StartsWith("http://", StringComparison.Ordinal) || photo.StartsWith("https://", StringComparison.Ordinal);
            if (!isUrl && !isUploaded(photo))
            {
                return (null, $"photoURL {photo} is neither a URL nor an uploaded media id");
            }
        }

        return (param, null);
    }
}
