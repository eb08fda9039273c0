using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>The fake DingTalk checked with a plain HttpClient and ClientWebSocket (not the product's client).</summary>
public sealed class FakeDingTalkServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Token_is_issued_for_the_right_secret_and_refused_for_a_wrong_one_as_DingTalk_does()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };

        var ok = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = fake.ClientId, appSecret = fake.ClientSecret });
        var token = await ok.Content.ReadFromJsonAsync<JsonObject>();
        var wrong = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = fake.ClientId, appSecret = "nope" });
        var error = await wrong.Content.ReadFromJsonAsync<JsonObject>();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["appKey"] = fake.ClientId, ["appSecret"] = fake.ClientSecret });
        var notJson = await http.PostAsync(new Uri("/v1.0/oauth2/accessToken", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)token!["accessToken"]));
        Assert.Equal(7200, (int?)token["expireIn"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalidClientIdOrSecret", (string?)error!["code"]);
        Assert.NotNull((string?)error["requestid"]);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_or_injected_as_expired_is_refused_and_a_new_one_works()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeDingTalkServer.StartAsync(new FakeDingTalkOptions { Time = time });
        fake.TokenLifetime = TimeSpan.FromMinutes(10);
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);

        var fresh = await SendTextAsync(http, token, fake, "staff1", "hello");
        time.Advance(TimeSpan.FromMinutes(10));
        var stale = await SendTextAsync(http, token, fake, "staff1", "hello");
        var renewed = await TokenAsync(http, fake);
        fake.ExpireNextToken();
        var injected = await SendTextAsync(http, renewed, fake, "staff1", "hello");
        var again = await SendTextAsync(http, renewed, fake, "staff1", "hello");
        var newest = await SendTextAsync(http, await TokenAsync(http, fake), fake, "staff1", "hello");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        foreach (var refused in new[] { stale, injected, again })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("InvalidAuthentication", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        }

        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Equal(2, fake.SentToUsers.Count);
    }

    [Fact]
    public async Task Gateway_gives_a_ticket_that_opens_the_socket_once()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);

        using var first = await StreamClient.ConnectAsync(endpoint, ticket);
        await fake.WaitForConnectionAsync(timeout: Wait);
        using var reused = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
            reused.ConnectAsync(new Uri($"{endpoint}?ticket={Uri.EscapeDataString(ticket)}"), CancellationToken.None));

        Assert.Single(fake.ConnectedClients);
        Assert.Contains(FakeDingTalkServer.CardCallbackTopic, fake.ConnectedClients[0].CallbackTopics);
        Assert.Contains("ticket", fake.ProtocolErrors.Single(), StringComparison.Ordinal);
        Assert.StartsWith("ws://127.0.0.1:", endpoint, StringComparison.Ordinal);
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task Gateway_refuses_a_wrong_secret_a_missing_robot_topic_and_an_injected_failure()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var robot = new[] { new { type = "CALLBACK", topic = FakeDingTalkServer.RobotTopic } };
        var events = new[] { new { type = "EVENT", topic = "*" } };

        var wrongSecret = await http.PostAsJsonAsync("/v1.0/gateway/connections/open", new { clientId = fake.ClientId, clientSecret = "x", subscriptions = robot, ua = "test" });
        var noRobot = await http.PostAsJsonAsync("/v1.0/gateway/connections/open", new { clientId = fake.ClientId, clientSecret = fake.ClientSecret, subscriptions = events, ua = "test" });
        fake.FailGatewayOpen(1);
        var failed = await http.PostAsJsonAsync("/v1.0/gateway/connections/open", new { clientId = fake.ClientId, clientSecret = fake.ClientSecret, subscriptions = robot, ua = "test" });
        var ok = await http.PostAsJsonAsync("/v1.0/gateway/connections/open", new { clientId = fake.ClientId, clientSecret = fake.ClientSecret, subscriptions = robot, ua = "test" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRobot.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_robot_message_is_delivered_as_DingTalk_sends_it_and_again_until_acked()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var client = await StreamClient.ConnectAsync(endpoint, ticket);
        await fake.WaitForConnectionAsync(timeout: Wait);

        var messageId = await fake.PushRobotMessageAsync(new RobotMessage("staff7", "本周计划") { OpenConversationId = "cidGroup1==" });
        var first = await client.ReceiveAsync();
        await fake.RedeliverAsync(messageId);
        var second = await client.ReceiveAsync();
        await client.AckAsync(second, """{"response":null}""");
        var ack = await fake.WaitForAckAsync(messageId, Wait);

        Assert.Equal("CALLBACK", (string?)first["type"]);
        Assert.Equal("1.0", (string?)first["specVersion"]);
        Assert.Equal(FakeDingTalkServer.RobotTopic, (string?)first["headers"]!["topic"]);
        Assert.Equal(messageId, (string?)second["headers"]!["messageId"]);
        var data = JsonNode.Parse((string)first["data"]!)!;
        Assert.Equal("2", (string?)data["conversationType"]);
        Assert.Equal("cidGroup1==", (string?)data["conversationId"]);
        Assert.Equal("staff7", (string?)data["senderStaffId"]);
        Assert.Equal("text", (string?)data["msgtype"]);
        Assert.Equal(" 本周计划", (string?)data["text"]!["content"]);
        Assert.Equal(fake.RobotCode, (string?)data["robotCode"]);
        Assert.True((bool?)data["isInAtList"]);
        Assert.Equal(2, fake.DeliveriesOf(messageId));
        Assert.Equal(200, ack.Code);
        Assert.Empty(fake.ProtocolErrors);
    }

    [Fact]
    public async Task An_unacked_callback_is_redelivered_after_the_configured_delay_and_a_message_pushed_early_waits_for_a_socket()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeDingTalkServer.StartAsync(new FakeDingTalkOptions { Time = time });
        fake.RedeliverAfter = TimeSpan.FromSeconds(30);
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var messageId = await fake.PushRobotMessageAsync("staff8", "hi");
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var client = await StreamClient.ConnectAsync(endpoint, ticket);

        var first = await client.ReceiveAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        var second = await client.ReceiveAsync();
        await client.AckAsync(second, """{"response":null}""");
        await fake.WaitForAckAsync(messageId, Wait);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(messageId, (string?)first["headers"]!["messageId"]);
        Assert.Equal("1", (string?)JsonNode.Parse((string)first["data"]!)!["conversationType"]);
        Assert.Equal(2, fake.DeliveriesOf(messageId));
    }

    [Fact]
    public async Task A_ping_wants_its_opaque_echoed_and_an_ack_for_an_unknown_message_is_an_error()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var client = await StreamClient.ConnectAsync(endpoint, ticket);
        await fake.WaitForConnectionAsync(timeout: Wait);

        var pingId = await fake.SendPingAsync();
        var ping = await client.ReceiveAsync();
        await client.AckAsync(ping, (string)ping["data"]!);
        await fake.WaitForAckAsync(pingId, Wait);
        var badPingId = await fake.SendPingAsync();
        await client.AckAsync(await client.ReceiveAsync(), "{}");
        await client.SendAsync(new JsonObject { ["code"] = 200, ["headers"] = new JsonObject { ["messageId"] = "nobody" }, ["message"] = "OK", ["data"] = "{}" });
        await fake.WaitForAsync(() => fake.ProtocolErrors.Count == 2, Wait);

        Assert.Equal("SYSTEM", (string?)ping["type"]);
        Assert.Equal("ping", (string?)ping["headers"]!["topic"]);
        Assert.Contains(fake.ProtocolErrors, e => e.Contains(badPingId, StringComparison.Ordinal) && e.Contains("opaque", StringComparison.Ordinal));
        Assert.Contains(fake.ProtocolErrors, e => e.Contains("unknown messageId nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_and_drop_close_the_socket()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var polite = await StreamClient.ConnectAsync(endpoint, ticket);
        await fake.WaitForConnectionAsync(timeout: Wait);

        var disconnecting = fake.SendDisconnectAsync("connection is expired", TimeSpan.FromMilliseconds(200));
        var frame = await polite.ReceiveAsync();
        await disconnecting;
        await fake.WaitForAsync(() => fake.ConnectedClients.Count == 0, Wait);
        (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var dropped = await StreamClient.ConnectAsync(endpoint, ticket);
        await fake.WaitForConnectionAsync(timeout: Wait);
        await fake.DropConnectionsAsync();

        Assert.Equal("disconnect", (string?)frame["headers"]!["topic"]);
        Assert.Equal("connection is expired", (string?)JsonNode.Parse((string)frame["data"]!)!["reason"]);
        Assert.Empty(fake.ConnectedClients);
    }

    [Fact]
    public async Task Robot_sends_refuse_a_msgParam_of_the_wrong_shape_an_unknown_msgKey_and_another_robot()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        var paramAsObject = new JsonObject { ["robotCode"] = fake.RobotCode, ["userIds"] = new JsonArray("u1"), ["msgKey"] = "sampleText", ["msgParam"] = new JsonObject { ["content"] = "x" } };
        var markdownWithoutTitle = new JsonObject { ["robotCode"] = fake.RobotCode, ["userIds"] = new JsonArray("u1"), ["msgKey"] = "sampleMarkdown", ["msgParam"] = """{"text":"# x"}""" };
        var unknownKey = new JsonObject { ["robotCode"] = fake.RobotCode, ["userIds"] = new JsonArray("u1"), ["msgKey"] = "text", ["msgParam"] = """{"content":"x"}""" };
        var otherRobot = new JsonObject { ["robotCode"] = "dingother", ["userIds"] = new JsonArray("u1"), ["msgKey"] = "sampleText", ["msgParam"] = """{"content":"x"}""" };
        var markdown = new JsonObject { ["robotCode"] = fake.RobotCode, ["userIds"] = new JsonArray("u1"), ["msgKey"] = "sampleMarkdown", ["msgParam"] = """{"title":"周报","text":"# x"}""" };

        var codes = new List<string?>();
        foreach (var body in new[] { paramAsObject, markdownWithoutTitle, unknownKey, otherRobot })
        {
            var answer = await PostAsync(http, "/v1.0/robot/oToMessages/batchSend", token, body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            codes.Add((string?)(await answer.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        }

        var ok = await PostAsync(http, "/v1.0/robot/oToMessages/batchSend", token, markdown);

        Assert.Equal(["invalidParameter.msgParam", "invalidParameter.msgParam", "invalidParameter.msgKey", "invalidParameter.robotCode"], codes);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("周报", (string?)fake.SentToUsers.Single().MsgParam["title"]);
    }

    [Fact]
    public async Task A_user_outside_the_visible_range_comes_back_in_invalidStaffIdList()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        fake.SetInvisible("hidden");

        var answer = await PostAsync(http, "/v1.0/robot/oToMessages/batchSend", token, new JsonObject
        {
            ["robotCode"] = fake.RobotCode,
            ["userIds"] = new JsonArray("seen", "hidden"),
            ["msgKey"] = "sampleText",
            ["msgParam"] = """{"content":"提醒"}""",
        });
        var result = await answer.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("hidden", (string?)result!["invalidStaffIdList"]!.AsArray().Single());
        Assert.Empty(result["flowControlledStaffIdList"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)result["processQueryKey"]));
        Assert.Equal(["seen"], fake.SentToUsers.Single().UserIds);
    }

    [Fact]
    public async Task A_file_message_needs_an_uploaded_media_id()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        var bytes = Encoding.UTF8.GetBytes("plan,percent\nA,50\n");

        using var form = new MultipartFormDataContent();
        using var type = new StringContent("file");
        using var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(type, "type");
        form.Add(file, "media", "report.csv");
        var uploaded = await (await http.PostAsync(new Uri($"/media/upload?access_token={token}", UriKind.Relative), form)).Content.ReadFromJsonAsync<JsonObject>();
        var mediaId = (string)uploaded!["media_id"]!;
        var unknown = await SendFileAsync(http, token, fake, "@lADnotuploaded");
        var sent = await SendFileAsync(http, token, fake, mediaId);
        using var badForm = new MultipartFormDataContent();
        using var badType = new StringContent("file");
        badForm.Add(badType, "type");
        var badToken = await (await http.PostAsync(new Uri("/media/upload?access_token=wrong", UriKind.Relative), badForm)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(0, (int?)uploaded["errcode"]);
        Assert.StartsWith("@", mediaId, StringComparison.Ordinal);
        Assert.Equal(bytes, fake.Uploads.Single().Content);
        Assert.Equal("report.csv", fake.Uploads.Single().FileName);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(mediaId, (string?)fake.SentToUsers.Single().MsgParam["mediaId"]);
        Assert.Equal(40014, (int?)badToken!["errcode"]);
    }

    [Fact]
    public async Task A_group_send_needs_the_robot_in_the_group_and_an_injected_throttle_answers_403()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        JsonObject Body() => new()
        {
            ["robotCode"] = fake.RobotCode,
            ["openConversationId"] = "cidTeam==",
            ["msgKey"] = "sampleText",
            ["msgParam"] = """{"content":"周一例会"}""",
        };

        var notMember = await PostAsync(http, "/v1.0/robot/groupMessages/send", token, Body());
        fake.AddGroup("cidTeam==");
        fake.Inject(DingTalkFault.Throttled, times: 1, openConversationId: "cidTeam==");
        var throttled = await PostAsync(http, "/v1.0/robot/groupMessages/send", token, Body());
        var ok = await PostAsync(http, "/v1.0/robot/groupMessages/send", token, Body());

        Assert.Equal(HttpStatusCode.BadRequest, notMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, throttled.StatusCode);
        Assert.StartsWith("Forbidden.AccessDenied.QpsLimit", (string?)(await throttled.Content.ReadFromJsonAsync<JsonObject>())!["code"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("周一例会", fake.SentToGroups.Single().Text);
    }

    [Fact]
    public async Task Flow_control_lists_a_user_and_the_enforced_limit_refuses_the_21st_send_in_a_second()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeDingTalkServer.StartAsync(new FakeDingTalkOptions { Time = time });
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        fake.Inject(DingTalkFault.FlowControlled, userId: "busy");

        var flowControlled = await (await SendTextAsync(http, token, fake, "busy", "x")).Content.ReadFromJsonAsync<JsonObject>();
        fake.EnforceLimits = true;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await SendTextAsync(http, token, fake, "staff1", "x")).StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await SendTextAsync(http, token, fake, "staff1", "x");

        Assert.Equal("busy", (string?)flowControlled!["flowControlledStaffIdList"]!.AsArray().Single());
        Assert.Empty(fake.SentToUsers[0].UserIds);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Forbidden, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, nextSecond.StatusCode);
    }

    [Fact]
    public async Task CreateAndDeliver_needs_STREAM_callbacks_and_string_params()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        JsonObject Body(string callbackType, JsonNode value) => new()
        {
            ["cardTemplateId"] = "abc.schema",
            ["outTrackId"] = "track-1",
            ["callbackType"] = callbackType,
            ["cardData"] = new JsonObject { ["cardParamMap"] = new JsonObject { ["title"] = value } },
            ["openSpaceId"] = "dtv1.card//IM_ROBOT.staff3",
            ["imRobotOpenDeliverModel"] = new JsonObject { ["spaceType"] = "IM_ROBOT" },
            ["userIdType"] = 1,
        };

        var http2 = await PostAsync(http, FakeDingTalkServer.CreateAndDeliverPath, token, Body("HTTP", "t"));
        var number = await PostAsync(http, FakeDingTalkServer.CreateAndDeliverPath, token, Body("STREAM", 3));
        var ok = await PostAsync(http, FakeDingTalkServer.CreateAndDeliverPath, token, Body("STREAM", "t"));

        Assert.Equal(HttpStatusCode.BadRequest, http2.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("staff3", fake.Cards.Single().UserId);
        Assert.True((bool?)(await ok.Content.ReadFromJsonAsync<JsonObject>())!["success"]);
    }

    [Fact]
    public async Task A_StandardCard_button_press_comes_back_over_the_socket_with_the_button_id()
    {
        await using var fake = await FakeDingTalkServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var token = await TokenAsync(http, fake);
        var (endpoint, ticket) = await OpenGatewayAsync(http, fake);
        using var client = await StreamClient.ConnectAsync(endpoint, ticket);
        var card = new JsonObject
        {
            ["config"] = new JsonObject { ["autoLayout"] = true },
            ["header"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "text", ["text"] = "确认计划" } },
            ["contents"] = new JsonArray(
                new JsonObject { ["type"] = "markdown", ["text"] = "**A** 50%", ["id"] = "markdown_body" },
                new JsonObject
                {
                    ["type"] = "action",
                    ["id"] = "action_buttons",
                    ["actions"] = new JsonArray(
                        new JsonObject { ["type"] = "button", ["label"] = new JsonObject { ["type"] = "text", ["text"] = "确认", ["id"] = "l0" }, ["actionType"] = "request", ["id"] = "confirm:42" },
                        new JsonObject { ["type"] = "button", ["label"] = new JsonObject { ["type"] = "text", ["text"] = "取消", ["id"] = "l1" }, ["actionType"] = "request", ["id"] = "cancel:42" }),
                }),
        };
        var asObject = new JsonObject { ["cardTemplateId"] = "StandardCard", ["robotCode"] = fake.RobotCode, ["cardBizId"] = "card-1", ["cardData"] = card.DeepClone(), ["singleChatReceiver"] = """{"userId":"staff9"}""" };
        var asString = new JsonObject { ["cardTemplateId"] = "StandardCard", ["robotCode"] = fake.RobotCode, ["cardBizId"] = "card-1", ["cardData"] = card.ToJsonString(), ["singleChatReceiver"] = """{"userId":"staff9"}""" };

        var refused = await PostAsync(http, FakeDingTalkServer.RobotCardPath, token, asObject);
        var sent = await PostAsync(http, FakeDingTalkServer.RobotCardPath, token, asString);
        var record = fake.Cards.Single();
        var messageId = await fake.PressCardButtonAsync(record, 1, "staff9");
        var press = await client.ReceiveAsync();
        await client.AckAsync(press, """{"response":{}}""");
        await fake.WaitForAckAsync(messageId, Wait);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("staff9", record.UserId);
        Assert.Equal(["确认", "取消"], record.Buttons.Select(b => b.Label));
        Assert.Equal(FakeDingTalkServer.CardCallbackTopic, (string?)press["headers"]!["topic"]);
        var data = JsonNode.Parse((string)press["data"]!)!;
        Assert.Equal("card-1", (string?)data["outTrackId"]);
        Assert.Equal("staff9", (string?)data["userId"]);
        var content = JsonNode.Parse((string)data["content"]!)!;
        Assert.Equal("cancel:42", (string?)content["cardPrivateData"]!["actionIds"]![0]);
    }

    private static async Task<string> TokenAsync(HttpClient http, FakeDingTalkServer fake)
    {
        var answer = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = fake.ClientId, appSecret = fake.ClientSecret });
        return (string)(await answer.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    private static async Task<(string Endpoint, string Ticket)> OpenGatewayAsync(HttpClient http, FakeDingTalkServer fake)
    {
        var answer = await http.PostAsJsonAsync("/v1.0/gateway/connections/open", new
        {
            clientId = fake.ClientId,
            clientSecret = fake.ClientSecret,
            subscriptions = new[]
            {
                new { type = "CALLBACK", topic = FakeDingTalkServer.RobotTopic },
                new { type = "CALLBACK", topic = FakeDingTalkServer.CardCallbackTopic },
            },
            ua = "planbot-tests",
        });
        answer.EnsureSuccessStatusCode();
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["endpoint"]!, (string)body["ticket"]!);
    }

    private static Task<HttpResponseMessage> SendTextAsync(HttpClient http, string token, FakeDingTalkServer fake, string userId, string text) =>
        PostAsync(http, "/v1.0/robot/oToMessages/batchSend", token, new JsonObject
        {
            ["robotCode"] = fake.RobotCode,
            ["userIds"] = new JsonArray(userId),
            ["msgKey"] = "sampleText",
            ["msgParam"] = new JsonObject { ["content"] = text }.ToJsonString(),
        });

    private static Task<HttpResponseMessage> SendFileAsync(HttpClient http, string token, FakeDingTalkServer fake, string mediaId) =>
        PostAsync(http, "/v1.0/robot/oToMessages/batchSend", token, new JsonObject
        {
            ["robotCode"] = fake.RobotCode,
            ["userIds"] = new JsonArray("staff1"),
            ["msgKey"] = "sampleFile",
            ["msgParam"] = new JsonObject { ["mediaId"] = mediaId, ["fileName"] = "report.csv", ["fileType"] = "csv" }.ToJsonString(),
        });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string token, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-acs-dingtalk-access-token", token);
        return await http.SendAsync(request);
    }

    /// <summary>A bare Stream client: reads frames with a bounded wait and writes acks the way the SDKs do.</summary>
    private sealed class StreamClient : IDisposable
    {
        private readonly ClientWebSocket _socket = new();

        public static async Task<StreamClient> ConnectAsync(string endpoint, string ticket)
        {
            var client = new StreamClient();
            using var timeout = new CancellationTokenSource(Wait);
            await client._socket.ConnectAsync(new Uri($"{endpoint}?ticket={Uri.EscapeDataString(ticket)}"), timeout.Token);
            return client;
        }

        public async Task<JsonObject> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return JsonNode.Parse(message.ToArray())!.AsObject();
                }
            }
        }

        public Task AckAsync(JsonObject frame, string data) => SendAsync(new JsonObject
        {
            ["code"] = 200,
            ["headers"] = new JsonObject { ["messageId"] = (string?)frame["headers"]!["messageId"], ["contentType"] = "application/json" },
            ["message"] = "OK",
            ["data"] = data,
        });

        public async Task SendAsync(JsonObject frame)
        {
            using var timeout = new CancellationTokenSource(Wait);
            await _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
        }

        public void Dispose() => _socket.Dispose();
    }
}
