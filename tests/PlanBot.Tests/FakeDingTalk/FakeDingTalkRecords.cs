using System.Text.Json.Nodes;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>One HTTP request the fake received, and how it answered.</summary>
/// <param name="Method">GET, POST, PUT …</param>
/// <param name="Path">The path without the query (e.g. <c>/v1.0/robot/oToMessages/batchSend</c>).</param>
/// <param name="Body">The JSON body as sent (null when it was absent or not JSON; a multipart upload records its fields).</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="Response">The JSON answered.</param>
public sealed record DingTalkCall(string Method, string Path, JsonObject? Body, int StatusCode, JsonObject Response, DateTimeOffset At)
{
    /// <summary>DingTalk's v1.0 APIs answer 200 on success; the old oapi ones answer 200 with <c>errcode</c> 0.</summary>
    public bool Succeeded => StatusCode == 200 && ((int?)Response["errcode"] ?? 0) == 0;
}

/// <summary>A robot message accepted by batchSend (to users) or groupMessages/send (to a group).</summary>
/// <param name="MsgParam">The parsed <c>msgParam</c> string.</param>
/// <param name="UserIds">The users it reached (batchSend: the requested ones less the invalid and flow-controlled).</param>
/// <param name="OpenConversationId">The group (groupMessages/send), else null.</param>
public sealed record SentRobotMessage(
    string MsgKey,
    JsonObject MsgParam,
    IReadOnlyList<string> UserIds,
    string? OpenConversationId,
    string ProcessQueryKey,
    DateTimeOffset At)
{
    /// <summary>sampleText's content or sampleMarkdown's text (null for other kinds).</summary>
    public string? Text => (string?)MsgParam["content"] ?? (string?)MsgParam["text"];
}

/// <summary>A file or image stored by <c>/media/upload</c>.</summary>
public sealed record MediaUpload(string MediaId, string Type, string FileName, string ContentType, byte[] Content, DateTimeOffset At);

/// <summary>One button of a sent card, with what a press sends back.</summary>
/// <param name="Id">The button's id: DingTalk returns it in <c>cardPrivateData.actionIds</c>.</param>
/// <param name="Params">What DingTalk returns in <c>cardPrivateData.params</c> when it is pressed.</param>
public sealed record CardButton(string Id, string Label, JsonObject Params);

/// <summary>An interactive card the fake accepted; <see cref="FakeDingTalkServer.PressCardButtonAsync"/> presses its buttons.</summary>
/// <param name="CardId">The caller's id for the card (cardBizId or outTrackId): DingTalk returns it as the callback's outTrackId.</param>
/// <param name="UserId">The private chat's user, or null for a group card.</param>
/// <param name="OpenConversationId">The group, or null for a private card.</param>
/// <param name="CardData">The card's data as parsed.</param>
public sealed record CardRecord(
    string Path,
    string CardId,
    string TemplateId,
    string? UserId,
    string? OpenConversationId,
    JsonObject CardData,
    IReadOnlyList<CardButton> Buttons,
    DateTimeOffset At);

/// <summary>A frame the client sent back on the socket for a frame of ours (its ack).</summary>
/// <param name="Code">The ack's <c>code</c> (200 when handled).</param>
/// <param name="Data">The ack's <c>data</c>, parsed when it was a JSON string.</param>
public sealed record StreamAck(string MessageId, int Code, string? Message, JsonNode? Data, DateTimeOffset At);

/// <summary>A robot message for <see cref="FakeDingTalkServer.PushRobotMessageAsync(RobotMessage)"/>.</summary>
/// <param name="SenderStaffId">The sender's userId in the organisation (what batchSend's userIds take).</param>
/// <param name="Text">What the person typed (in a group, after the @robot mention, which DingTalk strips).</param>
public sealed record RobotMessage(string SenderStaffId, string Text)
{
    /// <summary>The group's openConversationId; null for a private chat with the robot.</summary>
    public string? OpenConversationId { get; init; }

    public string SenderNick { get; init; } = "测试用户";

    public string ConversationTitle { get; init; } = "测试群";

    /// <summary>Other people @-mentioned in a group message, by staff id.</summary>
    public IReadOnlyList<string> AtStaffIds { get; init; } = [];

    public bool IsAdmin { get; init; }
}

/// <summary>The fault the next robot sends (to anyone, one user, or one group) answer with.</summary>
public enum DingTalkFault
{
    /// <summary>
    /// HTTP 403 <c>Forbidden.AccessDenied.QpsLimitForAppkeyAndApi</c>: the app called this API more often than its
    /// edition allows in one second (https://open.dingtalk.com/document/development/how-to-process-api-throttling-on-the-dingtalk-server).
    /// </summary>
    Throttled,

    /// <summary>HTTP 403 <c>Forbidden.AccessDenied.QpsLimitForApi</c>: the API's limit across all apps.</summary>
    ThrottledApi,

    /// <summary>
    /// batchSend answers 200 but lists the users in flowControlledStaffIdList (they were sent to too often): the
    /// per-user flow control, which is not an HTTP error. Other sends ignore it.
    /// </summary>
    FlowControlled,

    /// <summary>HTTP 500 <c>unknownError</c>.</summary>
    ServerError,
}
