using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PlanBot.DingTalk;

/// <summary>
/// DingTalk's robot APIs (typed HttpClient). Every call returns a <see cref="DingTalkResult"/>; DingTalk's and the
/// network's failures never throw (only the caller's own cancellation does). When DingTalk says the access token is
/// invalid or expired, the token is dropped and the call is made once more with a fresh one.
/// </summary>
public sealed class DingTalkApi
{
    /// <summary>DingTalk's documented maximum of users per batch send.</summary>
    public const int MaxUsersPerBatch = 20;

    internal const string TokenHeader = "x-acs-dingtalk-access-token";

    private readonly HttpClient _http;
    private readonly DingTalkAccessTokens _tokens;
    private readonly DingTalkOptions _options;
    private readonly ILogger<DingTalkApi> _logger;

    public DingTalkApi(HttpClient http, DingTalkAccessTokens tokens, IOptions<DingTalkOptions> options, ILogger<DingTalkApi> logger)
    {
        _http = http;
        _tokens = tokens;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Robot message to users' private chats (POST /v1.0/robot/oToMessages/batchSend). DingTalk answers 200 even when it
    /// skips users: Ok when at least one user got it (the skipped ones are listed on Ok); Throttled when every user was
    /// flow-controlled; Forbidden when every user was invalid (not in the app's visible range). Send to one user per call
    /// for a clean per-user outcome.
    /// </summary>
    public Task<DingTalkResult> SendToUsersAsync(IReadOnlyList<string> userIds, string msgKey, string msgParamJson, CancellationToken cancellationToken)
    {
        if (userIds.Count is 0 or > MaxUsersPerBatch)
        {
            return Task.FromResult<DingTalkResult>(new DingTalkResult.BadRequest($"a batch send takes 1-{MaxUsersPerBatch} users, not {userIds.Count}"));
        }

        var body = new JsonObject
        {
            ["robotCode"] = _options.RobotCode,
            ["userIds"] = new JsonArray([.. userIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
            ["msgKey"] = msgKey,
            ["msgParam"] = msgParamJson,
        };
        return PostV1Async("v1.0/robot/oToMessages/batchSend", body, answer => MapBatchSend(userIds, answer), cancellationToken);
    }

    /// <summary>Robot message to a group the robot is in (POST /v1.0/robot/groupMessages/send).</summary>
    public Task<DingTalkResult> SendToGroupAsync(string openConversationId, string msgKey, string msgParamJson, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["robotCode"] = _options.RobotCode,
            ["openConversationId"] = openConversationId,
            ["msgKey"] = msgKey,
            ["msgParam"] = msgParamJson,
        };
        return PostV1Async("v1.0/robot/groupMessages/send", body, ProcessQueryKey, cancellationToken);
    }

    /// <summary>Sends <paramref name="message"/> to one user (private chat) or one group.</summary>
    public Task<DingTalkResult> SendAsync(DingTalkTarget target, DingTalkMessage message, CancellationToken cancellationToken) => target switch
    {
        DingTalkTarget.User user => SendToUsersAsync([user.UserId], message.MsgKey, message.MsgParamJson, cancellationToken),
        DingTalkTarget.Group group => SendToGroupAsync(group.OpenConversationId, message.MsgKey, message.MsgParamJson, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>
    /// An interactive card from the robot (POST /v1.0/im/v1.0/robot/interactiveCards/send, template "StandardCard"):
    /// <paramref name="title"/>, a <paramref name="markdown"/> body and a row of buttons. A press comes back over Stream
    /// on <see cref="DingTalkStreamTopics.CardCallback"/> carrying the button's payload. <paramref name="cardBizId"/> is
    /// the card's own id (DingTalk treats a repeat as the same card), so an outbox retry can reuse it.
    /// </summary>
    public Task<DingTalkResult> SendCardAsync(
        DingTalkTarget target, string cardBizId, string title, string markdown, IReadOnlyList<DingTalkCardButton> buttons, CancellationToken cancellationToken)
    {
        if (DingTalkCard.Validate(cardBizId, buttons) is { } problem)
        {
            return Task.FromResult<DingTalkResult>(new DingTalkResult.BadRequest(problem));
        }

        var body = new JsonObject
        {
            ["cardTemplateId"] = DingTalkCard.TemplateId,
            ["robotCode"] = _options.RobotCode,
            ["cardBizId"] = cardBizId,
            ["cardData"] = DingTalkCard.BuildCardData(title, markdown, buttons),
            ["sendOptions"] = new JsonObject(),
        };
        switch (target)
        {
            case DingTalkTarget.User user:
                body["singleChatReceiver"] = DingTalkCard.SingleChatReceiver(user.UserId);
                break;
            case DingTalkTarget.Group group:
                body["openConversationId"] = group.OpenConversationId;
                break;
        }

        return PostV1Async("v1.0/im/v1.0/robot/interactiveCards/send", body, ProcessQueryKey, cancellationToken);
    }

    /// <summary>
    /// Uploads a file or image (POST {OapiBaseUrl}/media/upload, multipart; no v1.0 equivalent exists for robot messages).
    /// Ok's ProcessQueryKey is the media id, for <see cref="DingTalkMessages.File"/> or <see cref="DingTalkMessages.Image"/>.
    /// </summary>
    public async Task<DingTalkResult> UploadMediaAsync(string fileName, byte[] content, DingTalkMediaKind kind, CancellationToken cancellationToken)
    {
        var type = kind == DingTalkMediaKind.Image ? "image" : "file";
        for (var attempt = 0; ; attempt++)
        {
            var (token, failure) = await TokenOrFailureAsync(cancellationToken);
            if (token is null)
            {
                return failure!;
            }

            // The old host takes the token in the query string: this URL must never be logged (the client has no loggers).
            var url = new Uri(_options.OapiBase, $"media/upload?access_token={Uri.EscapeDataString(token)}&type={type}");
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(type), "type");
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(kind == DingTalkMediaKind.Image ? ImageMediaType(fileName) : "application/octet-stream");
            form.Add(file, "media", fileName);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };

            var classified = await SendAsync(request, token, oapi: true, MediaId, cancellationToken);
            if (classified.TokenRejected && attempt == 0)
            {
                _tokens.Invalidate(token);
                continue;
            }

            return classified.Result;
        }
    }

    private async Task<DingTalkResult> PostV1Async(string path, JsonObject body, Func<JsonElement, DingTalkResult> onSuccess, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString(DingTalkJson.Options);
        for (var attempt = 0; ; attempt++)
        {
            var (token, failure) = await TokenOrFailureAsync(cancellationToken);
            if (token is null)
            {
                return failure!;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBase, path))
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(TokenHeader, token);

            var classified = await SendAsync(request, token, oapi: false, onSuccess, cancellationToken);
            if (classified.TokenRejected && attempt == 0)
            {
                _logger.LogInformation("DingTalk rejected the access token on {Path}; fetching a new one", path);
                _tokens.Invalidate(token);
                continue;
            }

            if (classified.Result is not DingTalkResult.Ok)
            {
                _logger.LogDebug("DingTalk {Path}: {Result}", path, classified.Result);
            }

            return classified.Result;
        }
    }

    private async Task<(string? Token, DingTalkResult? Failure)> TokenOrFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _tokens.GetAsync(cancellationToken), null);
        }
        catch (DingTalkTokenException ex)
        {
            return (null, ex.Result);
        }
    }

    private async Task<DingTalkErrors.Classified> SendAsync(
        HttpRequestMessage request, string token, bool oapi, Func<JsonElement, DingTalkResult> onSuccess, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return new(new DingTalkResult.Transient($"network: {ex.HttpRequestError}"), false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(new DingTalkResult.Transient("timed out"), false);
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return new(new DingTalkResult.Transient($"network: {ex.HttpRequestError}"), false);
            }

            // Belt and braces: no result text may carry the token, whatever DingTalk echoes.
            body = body.Replace(token, "***", StringComparison.Ordinal);
            if (!response.IsSuccessStatusCode)
            {
                return DingTalkErrors.FromV1(response.StatusCode, body, RetryAfter(response));
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                return new(new DingTalkResult.Transient("malformed JSON in a 2xx answer"), false);
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return new(new DingTalkResult.Transient("a 2xx answer that is not a JSON object"), false);
                }

                if (oapi && root.TryGetProperty("errcode", out var errcode) && errcode.TryGetInt32(out var code) && code != 0)
                {
                    return DingTalkErrors.FromOapi(code, DingTalkErrors.ReadString(root, "errmsg"));
                }

                return new(onSuccess(root), false);
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return null;
    }

    private static DingTalkResult ProcessQueryKey(JsonElement answer) => new DingTalkResult.Ok(DingTalkErrors.ReadString(answer, "processQueryKey"));

    private static DingTalkResult MediaId(JsonElement answer) =>
        DingTalkErrors.ReadString(answer, "media_id") is { Length: > 0 } mediaId
            ? new DingTalkResult.Ok(mediaId)
            : new DingTalkResult.Transient("upload answer had no media_id");

    internal static DingTalkResult MapBatchSend(IReadOnlyList<string> userIds, JsonElement answer)
    {
        var invalid = ReadList(answer, "invalidStaffIdList").Concat(ReadList(answer, "filteredStaffIdList")).Distinct(StringComparer.Ordinal).ToList();
        var flowControlled = ReadList(answer, "flowControlledStaffIdList");
        var skipped = new HashSet<string>(invalid.Concat(flowControlled), StringComparer.Ordinal);
        var delivered = userIds.Count(id => !skipped.Contains(id));

        if (delivered > 0)
        {
            return new DingTalkResult.Ok(DingTalkErrors.ReadString(answer, "processQueryKey"))
            {
                InvalidUserIds = invalid,
                FlowControlledUserIds = flowControlled,
            };
        }

        if (flowControlled.Count > 0)
        {
            return new DingTalkResult.Throttled(DingTalkErrors.DefaultThrottle);
        }

        return new DingTalkResult.Forbidden($"not visible to the app or unknown: {string.Join(", ", invalid)}");
    }

    private static List<string> ReadList(JsonElement answer, string name)
    {
        if (!answer.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
    }

    private static string ImageMediaType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".bmp" => "image/bmp",
        _ => "image/jpeg",
    };
}
