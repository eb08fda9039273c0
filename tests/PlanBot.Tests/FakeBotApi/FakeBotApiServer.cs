using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlanBot.Tests.FakeBotApi;

/// <summary>
/// An in-process fake of the Telegram Bot API (Kestrel on 127.0.0.1, random port), enough for the real
/// Telegram.Bot client: getMe, getUpdates (long polling, offset), sendMessage, editMessageText,
/// editMessageReplyMarkup, answerCallbackQuery, sendDocument, sendPhoto, setMyCommands, setWebhook, deleteWebhook.
/// Tests queue updates, inject faults per method and chat, optionally enforce Telegram's limits (30/s overall,
/// 1/s per chat, 20/min per group, answering 429 beyond), and wait on what was called. The benchmark can make it answer
/// like a distant server (<see cref="Latency"/>); by default it answers at once.
/// </summary>
public sealed class FakeBotApiServer : IAsyncDisposable
{
    /// <summary>A token shaped like a real one; tests check it never reaches a log.</summary>
    public const string Token = "123456789:AAFakeTokenSecret_do-not-LOG-42";

    public const string BotUsername = "planbot_test_bot";

    public const long BotId = 123456789;

    private static readonly string[] SendMethods = ["sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"];

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<ApiCall> _calls = [];
    private readonly List<(long Id, JsonObject Update)> _updates = [];
    private readonly List<FaultRule> _faults = [];
    private readonly Dictionary<long, DateTimeOffset> _lastSendPerChat = [];
    private readonly Dictionary<long, List<DateTimeOffset>> _groupSends = [];
    private readonly ConditionalWeakTable<JsonObject, NetworkLegs> _legs = new();
    private readonly List<DateTimeOffset> _recentSends = [];
    private readonly Dictionary<long, long> _migratedChats = [];
    private readonly HashSet<long> _chatsWithoutBot = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextUpdateId = 1000;
    private long _nextMessageId = 500;

    private FakeBotApiServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Answer 429 to sends beyond 30/s overall, 1/s per chat or 20/min per group chat, as Telegram does.</summary>
    public bool EnforceLimits { get; set; }

    /// <summary>
    /// The network's round trip added to every call, zero by default: half of it before the request arrives (where the
    /// call is recorded and counted against the limits, as Telegram sees it), half before the answer reaches the bot.
    /// getUpdates pays both halves too; its long-poll wait in between is unchanged.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Each half of <see cref="Latency"/> varies uniformly by this fraction either way (0.2: ±20 %), independently.</summary>
    public double LatencyJitter { get; set; }

    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<ApiCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>The network delays this call was given (zero without <see cref="Latency"/>).</summary>
    public NetworkLegs LegsOf(ApiCall call) => _legs.TryGetValue(call.Parameters, out var legs) ? legs : NetworkLegs.None;

    /// <summary>Successful message sends (sendMessage, sendDocument, sendPhoto).</summary>
    public IReadOnlyList<ApiCall> SentMessages =>
        Calls.Where(c => c.Succeeded && c.Method is "sendMessage" or "sendDocument" or "sendPhoto").ToList();

    public static async Task<FakeBotApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotApiServer(app);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    /// <summary>Queues a text message from <paramref name="fromId"/>; returns its update id.</summary>
    public long EnqueueText(long chatId, long fromId, string text, long? replyToMessageId = null, string languageCode = "zh-hans", bool edited = false)
    {
        var message = MessageJson(NextMessageId(), chatId, text);
        message["from"] = UserJson(fromId, languageCode);
        if (replyToMessageId is { } replyTo)
        {
            var original = MessageJson(replyTo, chatId, "…");
            original["from"] = BotJson();
            message["reply_to_message"] = original;
        }

        return Enqueue(edited ? "edited_message" : "message", message);
    }

    /// <summary>Queues a press on a button of the bot's message <paramref name="messageId"/>; returns its update id.</summary>
    public long EnqueueCallback(long chatId, long fromId, long messageId, string data, string languageCode = "zh-hans")
    {
        var message = MessageJson(messageId, chatId, "…");
        message["from"] = BotJson();
        var query = new JsonObject
        {
            ["id"] = "cq" + Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture),
            ["from"] = UserJson(fromId, languageCode),
            ["chat_instance"] = "ci" + chatId.ToString(CultureInfo.InvariantCulture),
            ["message"] = message,
            ["data"] = data,
        };
        return Enqueue("callback_query", query);
    }

    /// <summary>Queues an update of any kind (<paramref name="field"/> is its field name, e.g. "my_chat_member").</summary>
    public long Enqueue(string field, JsonNode payload)
    {
        lock (_lock)
        {
            var id = ++_nextUpdateId;
            _updates.Add((id, new JsonObject { ["update_id"] = id, [field] = payload }));
            Changed();
            return id;
        }
    }

    /// <summary>
    /// Queues an update exactly as given (a test's malformed one); its place in the queue is the next update id, which
    /// is also written as its <c>update_id</c> unless the update brings its own (even an unreadable one).
    /// </summary>
    public long EnqueueRaw(JsonObject update)
    {
        lock (_lock)
        {
            var id = ++_nextUpdateId;
            if (!update.ContainsKey("update_id"))
            {
                update["update_id"] = id;
            }

            _updates.Add((id, update));
            Changed();
            return id;
        }
    }

    /// <summary>A text message like <see cref="EnqueueText"/> makes, for a test to spoil before <see cref="EnqueueRaw"/>.</summary>
    public JsonObject TextMessageJson(long chatId, long fromId, string text)
    {
        var message = MessageJson(NextMessageId(), chatId, text);
        message["from"] = UserJson(fromId, "zh-hans");
        return message;
    }

    /// <summary>
    /// The group <paramref name="groupId"/> becomes the supergroup <paramref name="supergroupId"/>, as Telegram does it:
    /// from now on a send to the old id is refused (400 with <c>migrate_to_chat_id</c>), and when
    /// <paramref name="announce"/> the two service messages are queued (migrate_to_chat_id in the old group,
    /// migrate_from_chat_id in the new one).
    /// </summary>
    public void MigrateGroup(long groupId, long supergroupId, long byUserId, bool announce = true)
    {
        lock (_lock)
        {
            _migratedChats[groupId] = supergroupId;
        }

        if (announce)
        {
            var inOld = MessageJson(NextMessageId(), groupId, null);
            inOld["from"] = UserJson(byUserId, "zh-hans");
            inOld["migrate_to_chat_id"] = supergroupId;
            Enqueue("message", inOld);
            var inNew = MessageJson(NextMessageId(), supergroupId, null);
            inNew["from"] = UserJson(byUserId, "zh-hans");
            inNew["migrate_from_chat_id"] = groupId;
            Enqueue("message", inNew);
        }
    }

    /// <summary>
    /// The bot is removed from the group <paramref name="chatId"/> (<paramref name="status"/> "kicked" or "left"): sends
    /// there are refused with 403 from now on, and when <paramref name="announce"/> the my_chat_member update is queued.
    /// </summary>
    public void RemoveBotFrom(long chatId, long byUserId, string status = "kicked", bool announce = true)
    {
        lock (_lock)
        {
            _chatsWithoutBot.Add(chatId);
        }

        if (announce)
        {
            Enqueue("my_chat_member", new JsonObject
            {
                ["chat"] = ChatJson(chatId),
                ["from"] = UserJson(byUserId, "zh-hans"),
                ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                ["old_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = BotJson() },
                ["new_chat_member"] = status == "kicked"
                    ? new JsonObject { ["status"] = "kicked", ["user"] = BotJson(), ["until_date"] = 0 }
                    : new JsonObject { ["status"] = status, ["user"] = BotJson() },
            });
        }
    }

    /// <summary>Sends an already delivered update again (as Telegram does when it was not confirmed).</summary>
    public void Redeliver(long updateId)
    {
        lock (_lock)
        {
            var update = _updates.First(u => u.Id == updateId).Update;
            _updates.Add((updateId, (JsonObject)update.DeepClone()));
            Changed();
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="chatId"/>, if given) fail with <paramref name="fault"/>.</summary>
    public void Inject(string method, Fault fault, int times = int.MaxValue, long? chatId = null)
    {
        lock (_lock)
        {
            _faults.Add(new FaultRule(method, chatId, fault) { Remaining = times });
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the calls so far; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ApiCall>> WaitForAsync(Func<IReadOnlyList<ApiCall>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
                if (condition(_calls))
                {
                    return [.. _calls];
                }
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("The fake Bot API did not see the expected calls. Calls: "
                    + string.Join(", ", Calls.Where(c => c.Method != "getUpdates").Select(c => $"{c.Method}({c.ChatId}) {c.StatusCode} {c.Text}")));
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

    /// <summary>Waits for one successful call of <paramref name="method"/> matching <paramref name="match"/>.</summary>
    public async Task<ApiCall> WaitForCallAsync(string method, Func<ApiCall, bool>? match = null, TimeSpan? timeout = null)
    {
        var calls = await WaitForAsync(cs => cs.Any(c => c.Method == method && c.Succeeded && (match?.Invoke(c) ?? true)), timeout);
        return calls.First(c => c.Method == method && c.Succeeded && (match?.Invoke(c) ?? true));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var parameters = await ReadParametersAsync(context.Request);
        var legs = NextLegs();
        _legs.AddOrUpdate(parameters, legs);
        context.Items[typeof(NetworkLegs)] = legs;
        // The request travelling to Telegram: everything below happens on arrival.
        await NetworkDelayAsync(legs.ToTelegram, context);
        if (token != Token)
        {
            await AnswerErrorAsync(context, method, parameters, 401, "Unauthorized");
            return;
        }

        if (method == "getUpdates")
        {
            await GetUpdatesAsync(context, parameters);
            return;
        }

        var chatId = ParseLong(parameters["chat_id"]);
        if (chatId is { } target && SendMethods.Contains(method) && await RefusedChatAsync(context, method, parameters, target))
        {
            return;
        }

        var fault = TakeFault(method, chatId);
        if (fault is Fault.Slow slow)
        {
            await Task.Delay(slow.Delay, context.RequestAborted);
            fault = null;
        }

        switch (fault)
        {
            case Fault.TooManyRequests tooMany:
                await AnswerErrorAsync(context, method, parameters, 429, $"Too Many Requests: retry after {tooMany.RetryAfterSeconds}", tooMany.RetryAfterSeconds);
                return;
            case Fault.Forbidden forbidden:
                await AnswerErrorAsync(context, method, parameters, 403, forbidden.Description);
                return;
            case Fault.ServerError:
                await AnswerErrorAsync(context, method, parameters, 500, "Internal Server Error");
                return;
            case Fault.BadRequest bad:
                await AnswerErrorAsync(context, method, parameters, 400, bad.Description);
                return;
            case Fault.MalformedJson:
                Record(method, parameters, 200, null);
                await NetworkDelayAsync(legs.FromTelegram, context);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"ok\":tru", context.RequestAborted);
                return;
        }

        if (EnforceLimits && SendMethods.Contains(method) && chatId is { } limited && RetryAfter(limited) is { } retryAfter)
        {
            await AnswerErrorAsync(context, method, parameters, 429, $"Too Many Requests: retry after {retryAfter}", retryAfter);
            return;
        }

        var (result, messageId) = Result(method, parameters, chatId);
        Record(method, parameters, 200, messageId);
        await WriteAsync(context, 200, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private (JsonNode Result, long? MessageId) Result(string method, JsonObject parameters, long? chatId)
    {
        switch (method)
        {
            case "getMe":
                return (BotJson(), null);
            case "sendMessage":
                {
                    var id = NextMessageId();
                    return (MessageJson(id, chatId ?? 0, (string?)parameters["text"]), id);
                }

            case "sendDocument":
            case "sendPhoto":
                {
                    var id = NextMessageId();
                    var message = MessageJson(id, chatId ?? 0, null);
                    message["caption"] = (string?)parameters["caption"];
                    var file = new JsonObject { ["file_id"] = "file" + id, ["file_unique_id"] = "u" + id };
                    if (method == "sendPhoto")
                    {
                        file["width"] = 1;
                        file["height"] = 1;
                        message["photo"] = new JsonArray(file);
                    }
                    else
                    {
                        file["file_name"] = "file";
                        message["document"] = file;
                    }

                    return (message, id);
                }

            case "editMessageText":
            case "editMessageReplyMarkup":
                {
                    var id = ParseLong(parameters["message_id"]) ?? 0;
                    return (MessageJson(id, chatId ?? 0, (string?)parameters["text"]), id);
                }

            default:
                // answerCallbackQuery, setMyCommands, setWebhook, deleteWebhook and the like answer true.
                return (JsonValue.Create(true), null);
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, JsonObject parameters)
    {
        // Telegram refuses an offset, limit or timeout that is not an integer.
        foreach (var name in new[] { "offset", "limit", "timeout" })
        {
            if (parameters[name] is { } given && ParseLong(given) is null)
            {
                await AnswerErrorAsync(context, "getUpdates", parameters, 400, $"Bad Request: wrong parameter {name}");
                return;
            }
        }

        var offset = ParseLong(parameters["offset"]) ?? 0;
        var limit = (int)(ParseLong(parameters["limit"]) ?? 100);
        var timeout = TimeSpan.FromSeconds(ParseLong(parameters["timeout"]) ?? 0);
        var fault = TakeFault("getUpdates", null);
        if (fault is not null and not Fault.Slow)
        {
            await AnswerErrorAsync(context, "getUpdates", parameters, fault is Fault.TooManyRequests ? 429 : 500, "Internal Server Error", 1);
            return;
        }

        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            Task changed;
            List<JsonObject> ready;
            lock (_lock)
            {
                changed = _changed.Task;
                ready = _updates.Where(u => u.Id >= offset).OrderBy(u => u.Id).Take(limit).Select(u => (JsonObject)u.Update.DeepClone()).ToList();
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (ready.Count > 0 || left <= TimeSpan.Zero)
            {
                Record("getUpdates", parameters, 200, null);
                await WriteAsync(context, 200, new JsonObject { ["ok"] = true, ["result"] = new JsonArray([.. ready]) });
                return;
            }

            try
            {
                await changed.WaitAsync(left, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                // Answered empty on the next turn.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What Telegram answers for a chat the bot cannot post to any more.</summary>
    private async Task<bool> RefusedChatAsync(HttpContext context, string method, JsonObject parameters, long chatId)
    {
        long? movedTo;
        bool removed;
        lock (_lock)
        {
            movedTo = _migratedChats.TryGetValue(chatId, out var to) ? to : null;
            removed = _chatsWithoutBot.Contains(chatId);
        }

        if (movedTo is { } supergroup)
        {
            Record(method, parameters, 400, null);
            await WriteAsync(context, 400, new JsonObject
            {
                ["ok"] = false,
                ["error_code"] = 400,
                ["description"] = "Bad Request: group chat was upgraded to a supergroup chat",
                ["parameters"] = new JsonObject { ["migrate_to_chat_id"] = supergroup },
            });
            return true;
        }

        if (removed)
        {
            await AnswerErrorAsync(context, method, parameters, 403,
                chatId < SupergroupIdsBelow ? "Forbidden: bot was kicked from the supergroup chat" : "Forbidden: bot was kicked from the group chat");
            return true;
        }

        return false;
    }

    /// <summary>Null when a send to <paramref name="chatId"/> is within the limits now (and counts it); else the seconds to wait.</summary>
    private int? RetryAfter(long chatId)
    {
        var now = TimeProvider.System.GetUtcNow();
        lock (_lock)
        {
            _recentSends.RemoveAll(at => at <= now - TimeSpan.FromSeconds(1));
            // Telegram counts what arrives; a little tolerance for our own scheduling jitter on this side.
            var tooSoonForChat = _lastSendPerChat.TryGetValue(chatId, out var last) && now - last < TimeSpan.FromMilliseconds(950);
            if (_recentSends.Count >= 30 || tooSoonForChat)
            {
                return 1;
            }

            if (chatId < 0)
            {
                // A group (or supergroup): 20 a minute, with the same kind of tolerance.
                if (!_groupSends.TryGetValue(chatId, out var group))
                {
                    group = [];
                    _groupSends[chatId] = group;
                }

                group.RemoveAll(at => at <= now - GroupWindow);
                if (group.Count >= 20)
                {
                    return Math.Max(1, (int)Math.Ceiling((group[0] + GroupWindow - now).TotalSeconds));
                }

                group.Add(now);
            }

            _recentSends.Add(now);
            _lastSendPerChat[chatId] = now;
            return null;
        }
    }

    private static readonly TimeSpan GroupWindow = TimeSpan.FromSeconds(59);

    private NetworkLegs NextLegs()
    {
        if (Latency <= TimeSpan.Zero)
        {
            return NetworkLegs.None;
        }

        var half = Latency / 2;
#pragma warning disable CA5394 // Jitter only spreads delays; it guards nothing.
        TimeSpan Leg() => half * (1 + (LatencyJitter * ((Random.Shared.NextDouble() * 2) - 1)));
#pragma warning restore CA5394
        return new NetworkLegs(Leg(), Leg());
    }

    private static async Task NetworkDelayAsync(TimeSpan leg, HttpContext context)
    {
        if (leg > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(leg, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; the write that follows fails quietly as it would without the delay.
            }
        }
    }

    private Fault? TakeFault(string method, long? chatId)
    {
        lock (_lock)
        {
            var rule = _faults.FirstOrDefault(f => f.Method == method && f.Remaining > 0 && (f.ChatId is null || f.ChatId == chatId));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Fault;
        }
    }

    private async Task AnswerErrorAsync(HttpContext context, string method, JsonObject parameters, int code, string description, int? retryAfter = null)
    {
        Record(method, parameters, code, null);
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        await WriteAsync(context, code, body);
    }

    private void Record(string method, JsonObject parameters, int status, long? messageId)
    {
        var markup = parameters["reply_markup"];
        lock (_lock)
        {
            _calls.Add(new ApiCall(
                method,
                ParseLong(parameters["chat_id"]),
                (string?)parameters["text"] ?? (string?)parameters["caption"],
                markup?.DeepClone(),
                TimeProvider.System.GetUtcNow(),
                status,
                messageId,
                parameters));
            Changed();
        }
    }

    private void Changed()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private long NextMessageId() => Interlocked.Increment(ref _nextMessageId);

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var files = form.Files.ToDictionary(f => f.Name, f => $"<file {f.FileName}, {f.Length} bytes>");
            var result = new JsonObject();
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                // An uploaded file is named in its field as attach://<part name>.
                result[key] = text.StartsWith("attach://", StringComparison.Ordinal) && files.TryGetValue(text["attach://".Length..], out var file)
                    ? file
                    : ParseFormValue(text);
            }

            foreach (var (name, file) in files)
            {
                result.TryAdd(name, file);
            }

            return result;
        }

        if (request.ContentLength is 0)
        {
            return [];
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonNode? ParseFormValue(string value)
    {
        if (value.StartsWith('{') || value.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static long? ParseLong(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static JsonObject MessageJson(long messageId, long chatId, string? text) => new()
    {
        ["message_id"] = messageId,
        ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
        ["chat"] = ChatJson(chatId),
        ["text"] = text,
    };

    /// <summary>Supergroup (and channel) ids are -100 followed by the number; a basic group's is just negative.</summary>
    private const long SupergroupIdsBelow = -1_000_000_000_000;

    private static JsonObject ChatJson(long chatId) => chatId switch
    {
        < SupergroupIdsBelow => new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Group " + chatId },
        < 0 => new JsonObject { ["id"] = chatId, ["type"] = "group", ["title"] = "Group " + chatId },
        _ => new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "User" },
    };

    private static JsonObject UserJson(long userId, string languageCode) => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = "User",
        ["last_name"] = userId.ToString(CultureInfo.InvariantCulture),
        ["language_code"] = languageCode,
    };

    private static JsonObject BotJson() => new()
    {
        ["id"] = BotId,
        ["is_bot"] = true,
        ["first_name"] = "PlanBot",
        ["username"] = BotUsername,
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        // The answer travelling back to the bot.
        if (context.Items[typeof(NetworkLegs)] is NetworkLegs legs)
        {
            await NetworkDelayAsync(legs.FromTelegram, context);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>The network's two halves of one call's round trip: the request's way to Telegram and the answer's way back.</summary>
    public sealed record NetworkLegs(TimeSpan ToTelegram, TimeSpan FromTelegram)
    {
        public static readonly NetworkLegs None = new(TimeSpan.Zero, TimeSpan.Zero);
    }

    private sealed record FaultRule(string Method, long? ChatId, Fault Fault)
    {
        public int Remaining { get; set; }
    }
}
