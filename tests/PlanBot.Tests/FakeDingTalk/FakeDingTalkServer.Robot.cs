using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// The robot's sends (https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches,
/// https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message), media upload
/// (https://open.dingtalk.com/document/orgapp/upload-media-files) and the robot messages DingTalk pushes.
/// </summary>
public sealed partial class FakeDingTalkServer
{
    private readonly List<SentRobotMessage> _sent = [];
    private readonly Dictionary<string, MediaUpload> _media = [];
    private readonly HashSet<string> _invisibleUsers = [];
    private readonly HashSet<string> _groups = [];
    private readonly List<FaultRule> _faults = [];

    /// <summary>Robot messages accepted by batchSend (with the users they reached), in order.</summary>
    public IReadOnlyList<SentRobotMessage> SentToUsers
    {
        get
        {
            lock (_lock)
            {
                return _sent.Where(m => m.OpenConversationId is null).ToList();
            }
        }
    }

    /// <summary>Robot messages accepted by groupMessages/send, in order.</summary>
    public IReadOnlyList<SentRobotMessage> SentToGroups
    {
        get
        {
            lock (_lock)
            {
                return _sent.Where(m => m.OpenConversationId is not null).ToList();
            }
        }
    }

    public IReadOnlyList<MediaUpload> Uploads
    {
        get
        {
            lock (_lock)
            {
                return [.. _media.Values.OrderBy(m => m.At)];
            }
        }
    }

    /// <summary><paramref name="userId"/> is outside the app's visible range: batchSend lists them in invalidStaffIdList.</summary>
    public void SetInvisible(string userId)
    {
        lock (_lock)
        {
            _invisibleUsers.Add(userId);
        }
    }

    /// <summary>The robot is a member of the group <paramref name="openConversationId"/> (a pushed group message adds it too).</summary>
    public void AddGroup(string openConversationId)
    {
        lock (_lock)
        {
            _groups.Add(openConversationId);
        }
    }

    /// <summary>The robot was removed from the group: sends there are refused from now on.</summary>
    public void RemoveRobotFromGroup(string openConversationId)
    {
        lock (_lock)
        {
            _groups.Remove(openConversationId);
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> robot sends (batchSend, group send, card send) answer with
    /// <paramref name="fault"/> instead; only those to <paramref name="userId"/> or <paramref name="openConversationId"/> when given.
    /// <see cref="DingTalkFault.FlowControlled"/> counts users instead: the next <paramref name="times"/> users of
    /// batchSend (or <paramref name="userId"/> that often) come back in flowControlledStaffIdList.
    /// </summary>
    public void Inject(DingTalkFault fault, int times = 1, string? userId = null, string? openConversationId = null)
    {
        lock (_lock)
        {
            _faults.Add(new FaultRule(fault, userId, openConversationId) { Remaining = times });
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Waits for an accepted robot message (to users or a group) matching <paramref name="match"/>.</summary>
    public async Task<SentRobotMessage> WaitForSentAsync(Func<SentRobotMessage, bool> match, TimeSpan? timeout = null)
    {
        IReadOnlyList<SentRobotMessage> All()
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }

        await WaitForAsync(() => All().Any(match), timeout, "a matching robot message");
        return All().First(match);
    }

    /// <summary>
    /// POST /v1.0/robot/oToMessages/batchSend {robotCode, userIds, msgKey, msgParam} → {processQueryKey,
    /// invalidStaffIdList, flowControlledStaffIdList}: a user the app cannot see is not an error, just listed as invalid.
    /// </summary>
    private async Task BatchSendAsync(HttpContext context)
    {
        var (body, _) = await ReadJsonAsync(context.Request);
        if (!await AuthorizedAsync(context, body) || await RefusedRobotCallAsync(context, body) is not { } message)
        {
            return;
        }

        var userIds = (body!["userIds"] as JsonArray)?.Select(u => (string?)u).ToList() ?? [];
        if (userIds.Count == 0 || userIds.Count > 20 || userIds.Any(string.IsNullOrEmpty))
        {
            // At most 20 users per call (the API's documented limit).
            await AnswerErrorAsync(context, body, 400, "invalidParameter.userIds", "userIds must hold 1 to 20 user ids");
            return;
        }

        if (await FaultAnsweredAsync(context, body, userIds!, null))
        {
            return;
        }

        List<string> invalid;
        lock (_lock)
        {
            invalid = userIds.Where(u => _invisibleUsers.Contains(u!)).ToList()!;
        }

        var flowControlled = userIds.Except(invalid).Where(u => TakeFlowControl(u!)).ToList()!;
        var reached = userIds.Except(invalid).Except(flowControlled).ToList();
        var key = NewId();
        lock (_lock)
        {
            _sent.Add(new SentRobotMessage(message.MsgKey, message.Param, reached!, null, key, Now));
        }

        await AnswerAsync(context, body, 200, new JsonObject
        {
            ["processQueryKey"] = key,
            ["invalidStaffIdList"] = new JsonArray([.. invalid.Select(u => JsonValue.Create(u))]),
            ["flowControlledStaffIdList"] = new JsonArray([.. flowControlled.Select(u => JsonValue.Create(u))]),
        });
    }

    /// <summary>POST /v1.0/robot/groupMessages/send {robotCode, openConversationId, msgKey, msgParam} → {processQueryKey}.</summary>
    private async Task GroupSendAsync(HttpContext context)
    {
        var (body, _) = await ReadJsonAsync(context.Request);
        if (!await AuthorizedAsync(context, body) || await RefusedRobotCallAsync(context, body) is not { } message)
        {
            return;
        }

        var group = (string?)body!["openConversationId"];
        bool member;
        lock (_lock)
        {
            member = group is not null && _groups.Contains(group);
        }

        if (!member)
        {
            // The robot is not in that group (never added, or removed); exact code unconfirmed, see the class remarks.
            await AnswerErrorAsync(context, body, 400, "resource.not.found", $"robot is not a member of the group {group}");
            return;
        }

        if (await FaultAnsweredAsync(context, body, [], group))
        {
            return;
        }

        var key = NewId();
        lock (_lock)
        {
            _sent.Add(new SentRobotMessage(message.MsgKey, message.Param, [], group, key, Now));
        }

        await AnswerAsync(context, body, 200, new JsonObject { ["processQueryKey"] = key });
    }

    /// <summary>What every robot send checks first: a body, the robot's code, a known msgKey and its msgParam.</summary>
    private async Task<(string MsgKey, JsonObject Param)?> RefusedRobotCallAsync(HttpContext context, JsonObject? body)
    {
        if (body is null)
        {
            await AnswerErrorAsync(context, body, 400, "MissingBody", "body is mandatory for this action.");
            return null;
        }

        if ((string?)body["robotCode"] != RobotCode)
        {
            await AnswerErrorAsync(context, body, 400, "invalidParameter.robotCode", $"robotCode {(string?)body["robotCode"]} is not this app's robot");
            return null;
        }

        var msgKey = (string?)body["msgKey"] ?? "";
        var (param, error) = MsgParamRules.Check(msgKey, body["msgParam"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, IsUploaded);
        if (param is null)
        {
            await AnswerErrorAsync(context, body, 400, MsgParamRules.IsKnown(msgKey) ? "invalidParameter.msgParam" : "invalidParameter.msgKey", error!);
            return null;
        }

        return (msgKey, param);
    }

    private bool IsUploaded(string mediaId)
    {
        lock (_lock)
        {
            return _media.ContainsKey(mediaId);
        }
    }

    /// <summary>
    /// An injected fault for this send, answered as DingTalk does: over the QPS limit it is HTTP 403
    /// Forbidden.AccessDenied.QpsLimitForApi (https://github.com/DingTalk-Real-AI/dingtalk-openclaw-connector/issues/410).
    /// </summary>
    private async Task<bool> FaultAnsweredAsync(HttpContext context, JsonObject? body, IReadOnlyList<string> userIds, string? group)
    {
        DingTalkFault? fault = null;
        lock (_lock)
        {
            var rule = _faults.FirstOrDefault(f => f.Remaining > 0
                && f.Fault != DingTalkFault.FlowControlled
                && (f.UserId is null || userIds.Contains(f.UserId))
                && (f.OpenConversationId is null || f.OpenConversationId == group));
            if (rule is not null)
            {
                rule.Remaining--;
                fault = rule.Fault;
            }
        }

        if (fault is null && EnforceLimits && OverLimit(context.Request.Path.Value ?? ""))
        {
            fault = DingTalkFault.Throttled;
        }

        switch (fault)
        {
            case DingTalkFault.Throttled:
                await AnswerThrottledAsync(context, body, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
                return true;
            case DingTalkFault.ThrottledApi:
                await AnswerThrottledAsync(context, body, "Forbidden.AccessDenied.QpsLimitForApi");
                return true;
            case DingTalkFault.ServerError:
                await AnswerErrorAsync(context, body, 500, "unknownError", "未知错误");
                return true;
            default:
                return false;
        }
    }

    private Task AnswerThrottledAsync(HttpContext context, JsonObject? body, string code)
    {
        // The message names when the penalty ends, in China's time (https://github.com/DingTalk-Real-AI/dingtalk-openclaw-connector/issues/410).
        var until = (Now + TimeSpan.FromSeconds(1)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return AnswerErrorAsync(context, body, 403, code, $"请求过于频繁，限制将在 {until} 结束");
    }

    /// <summary>Spends an injected FlowControlled fault for <paramref name="userId"/> (or for anyone), if one is left.</summary>
    private bool TakeFlowControl(string userId)
    {
        lock (_lock)
        {
            var rule = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Fault == DingTalkFault.FlowControlled && (f.UserId is null || f.UserId == userId));
            if (rule is null)
            {
                return false;
            }

            rule.Remaining--;
            return true;
        }
    }

    /// <summary>
    /// POST /media/upload?access_token=…&amp;type=image|voice|video|file (the old oapi host), multipart with the file in
    /// the field "media" → {errcode 0, errmsg "ok", media_id, created_at, type}. Errors come as HTTP 200 with a non-zero
    /// errcode (40014 for a bad or expired token), the old API's way.
    /// </summary>
    private async Task UploadMediaAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = new JsonObject();
        IFormFile? file = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (name, value) in form)
            {
                fields[name] = value.ToString();
            }

            file = form.Files["media"];
            foreach (var part in form.Files)
            {
                fields[part.Name] = $"<file {part.FileName}, {part.Length} bytes>";
            }
        }

        var type = request.Query["type"].FirstOrDefault() ?? (string?)fields["type"];
        if (CheckToken(request.Query["access_token"].FirstOrDefault()) != TokenState.Valid)
        {
            await AnswerAsync(context, fields, 200, new JsonObject { ["errcode"] = 40014, ["errmsg"] = "不合法的access_token" });
            return;
        }

        if (type is not ("image" or "voice" or "video" or "file"))
        {
            await AnswerAsync(context, fields, 200, new JsonObject { ["errcode"] = 40004, ["errmsg"] = "不合法的媒体文件类型" });
            return;
        }

        if (file is null || file.Length == 0)
        {
            await AnswerAsync(context, fields, 200, new JsonObject { ["errcode"] = 41005, ["errmsg"] = "缺少多媒体文件数据" });
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted);
        // Real media ids start with "@" (e.g. "@lADPDe7s…"), which is how DingTalk tells one from a URL in photoURL.
        var mediaId = "@lAD" + NewId();
        lock (_lock)
        {
            _media[mediaId] = new MediaUpload(mediaId, type, file.FileName, file.ContentType, content.ToArray(), Now);
        }

        await AnswerAsync(context, fields, 200, new JsonObject
        {
            ["errcode"] = 0,
            ["errmsg"] = "ok",
            ["media_id"] = mediaId,
            ["created_at"] = Now.ToUnixTimeMilliseconds(),
            ["type"] = type,
        });
    }

    /// <summary>
    /// A robot message as DingTalk pushes it (field names from ChatbotMessage in the SDKs). In a group DingTalk strips
    /// the robot's @mention but leaves the space after it, so the text starts with a space; clients trim it (the SDK
    /// examples all strip()).
    /// </summary>
    private JsonObject RobotMessageJson(RobotMessage message)
    {
        var now = Now.ToUnixTimeMilliseconds();
        var group = message.OpenConversationId;
        var json = new JsonObject
        {
            ["conversationId"] = group ?? "cid" + OpaqueId("p2p:" + message.SenderStaffId),
            ["atUsers"] = new JsonArray([.. AtUsers(message)]),
            ["chatbotCorpId"] = CorpId,
            ["chatbotUserId"] = "$:LWCP_v1:$" + OpaqueId("robot:" + RobotCode),
            ["msgId"] = "msg" + OpaqueId(NewId()),
            ["senderNick"] = message.SenderNick,
            ["isAdmin"] = message.IsAdmin,
            ["senderStaffId"] = message.SenderStaffId,
            ["sessionWebhookExpiredTime"] = now + (90 * 60 * 1000),
            ["createAt"] = now,
            ["senderCorpId"] = CorpId,
            ["conversationType"] = group is null ? "1" : "2",
            ["senderId"] = "$:LWCP_v1:$" + OpaqueId("user:" + message.SenderStaffId),
            ["sessionWebhook"] = $"{BaseUrl}/robot/sendBySession?session={NewId()}",
            ["text"] = new JsonObject { ["content"] = group is null ? message.Text : " " + message.Text },
            ["robotCode"] = RobotCode,
            ["msgtype"] = "text",
        };
        if (group is not null)
        {
            json["conversationTitle"] = message.ConversationTitle;
            json["isInAtList"] = true;
        }

        return json;
    }

    private IEnumerable<JsonNode> AtUsers(RobotMessage message)
    {
        if (message.OpenConversationId is null)
        {
            yield break;
        }

        // The robot itself is in atUsers (it was @-mentioned); people carry their staffId too.
        yield return new JsonObject { ["dingtalkId"] = "$:LWCP_v1:$" + OpaqueId("robot:" + RobotCode) };
        foreach (var staffId in message.AtStaffIds)
        {
            yield return new JsonObject { ["dingtalkId"] = "$:LWCP_v1:$" + OpaqueId("user:" + staffId), ["staffId"] = staffId };
        }
    }

    /// <summary>A stable opaque id for <paramref name="seed"/>, like DingTalk's base64-looking ids.</summary>
    private static string OpaqueId(string seed) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 18));

    private sealed record FaultRule(DingTalkFault Fault, string? UserId, string? OpenConversationId)
    {
        public int Remaining { get; set; }
    }
}
