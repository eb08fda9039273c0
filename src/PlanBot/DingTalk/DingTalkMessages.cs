using System.Text.Json;

namespace PlanBot.DingTalk;

/// <summary>A robot message: DingTalk's message key and its parameters as the JSON string the API wants in msgParam.</summary>
public sealed record DingTalkMessage(string MsgKey, string MsgParamJson);

/// <summary>The robot message keys PlanBot uses (/tmp/dingtalk-protocol.md §4).</summary>
public static class DingTalkMessages
{
    public const string TextKey = "sampleText";
    public const string MarkdownKey = "sampleMarkdown";
    public const string FileKey = "sampleFile";
    public const string ImageKey = "sampleImageMsg";

    public static DingTalkMessage Text(string content) => Build(TextKey, new Dictionary<string, string> { ["content"] = content });

    /// <summary><paramref name="title"/> is what the chat list and notifications show.</summary>
    public static DingTalkMessage Markdown(string title, string text) =>
        Build(MarkdownKey, new Dictionary<string, string> { ["title"] = title, ["text"] = text });

    /// <summary>A file uploaded with <see cref="DingTalkApi.UploadMediaAsync"/> as <see cref="DingTalkMediaKind.File"/>.</summary>
    public static DingTalkMessage File(string mediaId, string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return Build(FileKey, new Dictionary<string, string> { ["mediaId"] = mediaId, ["fileName"] = fileName, ["fileType"] = extension });
    }

    /// <summary>An image by URL, or by the media id of an image upload (DingTalk accepts a media id where it takes an image URL).</summary>
    public static DingTalkMessage Image(string photoUrlOrMediaId) =>
        Build(ImageKey, new Dictionary<string, string> { ["photoURL"] = photoUrlOrMediaId });

    private static DingTalkMessage Build(string key, Dictionary<string, string> parameters) =>
        new(key, JsonSerializer.Serialize(parameters, DingTalkJson.Options));
}

/// <summary>Where a card goes: one user's private chat with the robot, or a group the robot is in.</summary>
public abstract record DingTalkTarget
{
    private DingTalkTarget()
    {
    }

    public sealed record User(string UserId) : DingTalkTarget;

    public sealed record Group(string OpenConversationId) : DingTalkTarget;
}

/// <summary>
/// A card button. <paramref name="Payload"/> is opaque to DingTalk and comes back in the card callback when pressed
/// (<see cref="DingTalkCardAction.ActionId"/>); keep it short (≤ <see cref="DingTalkCardButton.MaxPayloadLength"/>).
/// </summary>
public sealed record DingTalkCardButton(string Label, string Payload, bool Primary = false)
{
    public const int MaxPayloadLength = 200;
}
