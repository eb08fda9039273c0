using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// An in-process fake of DingTalk for end-to-end tests (Kestrel on 127.0.0.1, random port): the OpenAPI of
/// api.dingtalk.com and oapi.dingtalk.com under one <see cref="BaseUrl"/> (access token, robot sends, interactive
/// cards, media upload) and the Stream gateway (connections/open, then a WebSocket that pushes robot messages and
/// card presses and expects an ack for each). It refuses what the real one refuses, with the real error shapes, so a
/// client that is wrong fails here; tests inject faults and wait on what was called or acknowledged.
/// <code>
/// await using var dingTalk = await FakeDingTalkServer.StartAsync();
/// // … start the client against dingTalk.BaseUrl with dingTalk.ClientId / dingTalk.ClientSecret …
/// await dingTalk.WaitForConnectionAsync();
/// var messageId = await dingTalk.PushRobotMessageAsync("staff42", "/help");
/// await dingTalk.WaitForAckAsync(messageId);
/// var reply = await dingTalk.WaitForSentAsync(m => m.UserIds.Contains("staff42"));
/// </code>
/// </summary>
public sealed partial class FakeDingTalkServer : IAsyncDisposable
{
    /// <summary>The robot's topic on the Stream gateway (DingTalkStreamTopics.BOT_MESSAGE_TOPIC in the Java SDK).</summary>
    public const string RobotTopic = "/v1.0/im/bot/messages/get";

    /// <summary>The topic of interactive card callbacks (DingTalkStreamTopics.CARD_CALLBACK_TOPIC in the Java SDK).</summary>
    public const string CardCallbackTopic = "/v1.0/card/instances/callback";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<DingTalkCall> _calls = [];
    private readonly List<string> _protocolErrors = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDingTalkServer(WebApplication app, FakeDingTalkOptions options)
    {
        _app = app;
        _time = options.Time;
        ClientId = options.ClientId;
        ClientSecret = options.ClientSecret;
        RobotCode = options.RobotCode ?? options.ClientId;
        CorpId = options.CorpId;
    }

    /// <summary>http://127.0.0.1:port, standing for both https://api.dingtalk.com and https://oapi.dingtalk.com.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's key (appKey for the token, clientId for the gateway: the same value in DingTalk).</summary>
    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The robot's code; for an organisation's own app DingTalk makes it the app's key.</summary>
    public string RobotCode { get; }

    public string CorpId { get; }

    /// <summary>How long an issued access token lives (DingTalk: 7200 s, answered as <c>expireIn</c>).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>How long a ticket from connections/open can be used to open the socket (once).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// When set, a CALLBACK frame not acknowledged within this time is delivered again (same messageId); measured on the
    /// fake's <see cref="TimeProvider"/>. Null (the default): only <see cref="RedeliverAsync"/> does. The default is
    /// DingTalk's own behaviour for robot messages: its Stream FAQ says they are pushed once ("fire-forget", not
    /// retried on a timeout; https://open-dingtalk.github.io/developerpedia/docs/learn/stream/faq), so redelivery
    /// tests a client's deduplication, not a promise DingTalk makes.
    /// </summary>
    public TimeSpan? RedeliverAfter { get; set; }

    /// <summary>Every HTTP request so far, in order.</summary>
    public IReadOnlyList<DingTalkCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<DingTalkCall> CallsTo(string path) => Calls.Where(c => c.Path == path).ToList();

    /// <summary>What the client did that DingTalk would not accept on the socket (an ack for an unknown messageId, a ping not echoed …).</summary>
    public IReadOnlyList<string> ProtocolErrors
    {
        get
        {
            lock (_lock)
            {
                return [.. _protocolErrors];
            }
        }
    }

    public static async Task<FakeDingTalkServer> StartAsync(FakeDingTalkOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeDingTalkServer(app, options ?? new FakeDingTalkOptions());
        app.UseWebSockets();
        fake.MapRoutes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> (which reads this fake's views) holds; it is checked again after every
    /// change the fake sees. Fails the test with what the fake saw after <paramref name="timeout"/> (5 s by default).
    /// </summary>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The fake DingTalk did not see {what ?? "the expected condition"}. {Describe()}");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported.
            }
        }
    }

    /// <summary>Waits for one successful call to <paramref name="path"/> matching <paramref name="match"/>.</summary>
    public async Task<DingTalkCall> WaitForCallAsync(string path, Func<DingTalkCall, bool>? match = null, TimeSpan? timeout = null)
    {
        bool Matches(DingTalkCall c) => c.Path == path && c.Succeeded && (match?.Invoke(c) ?? true);
        await WaitForAsync(() => Calls.Any(Matches), timeout, "a successful call to " + path);
        return Calls.First(Matches);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        List<StreamConnection> connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        // Every socket, half-closed ones included: Kestrel's stop waits for their handlers.
        foreach (var connection in connections)
        {
            connection.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1.0/oauth2/accessToken", IssueTokenAsync);
        app.MapPost("/v1.0/gateway/connections/open", OpenConnectionAsync);
        app.Map("/connect", AcceptStreamAsync);
        app.MapPost("/v1.0/robot/oToMessages/batchSend", BatchSendAsync);
        app.MapPost("/v1.0/robot/groupMessages/send", GroupSendAsync);
        app.MapPost("/media/upload", UploadMediaAsync);
        MapCardRoutes(app);
        // Anything else is a path DingTalk does not have (or the fake does not know): recorded, and refused as DingTalk does.
        app.MapFallback(async context =>
        {
            var body = await ReadJsonAsync(context.Request);
            await AnswerErrorAsync(context, body.Json, 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        });
    }

    private string Describe()
    {
        lock (_lock)
        {
            var calls = string.Join(", ", _calls.Select(c => $"{c.Method} {c.Path} {c.StatusCode} {(string?)c.Response["code"] ?? (string?)c.Response["errmsg"]}"));
            return $"Calls: [{calls}]; connections: {_connections.Count(c => c.IsOpen)}; acks: {_acks.Count}; protocol errors: [{string.Join("; ", _protocolErrors)}]";
        }
    }

    private void Changed()
    {
        lock (_lock)
        {
            var previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }
    }

    private void ProtocolError(string error)
    {
        lock (_lock)
        {
            _protocolErrors.Add(error);
        }

        Changed();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private string NowMilliseconds => Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A JSON body as DingTalk's v1.0 gateway reads it: only application/json counts as a body.</summary>
    private static async Task<(JsonObject? Json, bool IsJson)> ReadJsonAsync(HttpRequest request)
    {
        var isJson = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false;
        if (!isJson || request.ContentLength is 0)
        {
            return (null, isJson);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync<JsonObject>(request.Body), true);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    /// <summary>
    /// A v1.0 API's error: HTTP status and <c>{code, message, requestid}</c>, e.g. 400 invalidClientIdOrSecret or
    /// InvalidAuthentication (https://github.com/satorijs/satori/issues/240).
    /// </summary>
    /// <summary>DingTalk's answer to a v1.0 call without a JSON body (https://github.com/aliyun/alibabacloud-php-sdk/issues/36).</summary>
    private Task AnswerMissingBodyAsync(HttpContext context) =>
        AnswerErrorAsync(context, null, 400, "MissingBody", "body is mandatory for this action.");

    private Task AnswerErrorAsync(HttpContext context, JsonObject? body, int status, string code, string message) =>
        AnswerAsync(context, body, status, new JsonObject { ["requestid"] = NewId().ToUpperInvariant(), ["code"] = code, ["message"] = message });

    private async Task AnswerAsync(HttpContext context, JsonObject? body, int status, JsonObject response)
    {
        lock (_lock)
        {
            _calls.Add(new DingTalkCall(context.Request.Method, context.Request.Path.Value ?? "", body, status, (JsonObject)response.DeepClone(), Now));
        }

        Changed();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted);
    }
}

/// <summary>The fake's app: its credentials and clock.</summary>
public sealed record FakeDingTalkOptions
{
    public string ClientId { get; init; } = "dingfakeappkey0000042";

    /// <summary>Shaped like a real secret; tests check it never reaches a log.</summary>
    public string ClientSecret { get; init; } = "FakeDingSecret_do-not-LOG-7f3a9c1e5b2d4f6a8c0e2a4c6e8a0c2e4a6c8e0a";

    /// <summary>Null: the client id, as DingTalk gives an organisation's own app.</summary>
    public string? RobotCode { get; init; }

    public string CorpId { get; init; } = "dingfakecorp0000000000000000000042";

    /// <summary>The clock for token and ticket expiry and automatic redelivery (a FakeTimeProvider lets a test move it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
