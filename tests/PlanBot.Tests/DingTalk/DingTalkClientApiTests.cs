using System.Net;
using System.Text.Json;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkClientApiTests
{
    [Fact]
    public async Task Batch_send_posts_the_documented_shape_with_the_token_header()
    {
        using var kit = new DingTalkKit();
        var message = DingTalkMessages.Text("你好");

        var result = await kit.Api.SendToUsersAsync(["u1", "u2"], message.MsgKey, message.MsgParamJson, CancellationToken.None);

        Assert.Equal(new DingTalkResult.Ok("pqk"), result, OkComparer);
        var (request, body) = Assert.Single(kit.Stub.Calls("/v1.0/robot/oToMessages/batchSend"));
        Assert.Equal("tok1", Assert.Single(request.Headers.GetValues("x-acs-dingtalk-access-token")));
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("robot-1", root.GetProperty("robotCode").GetString());
        Assert.Equal(["u1", "u2"], root.GetProperty("userIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sampleText", root.GetProperty("msgKey").GetString());
        // msgParam is a JSON string, not an object.
        Assert.Equal("你好", JsonDocument.Parse(root.GetProperty("msgParam").GetString()!).RootElement.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""{"processQueryKey":"p","invalidStaffIdList":["u1"]}""", "Forbidden")]
    [InlineData("""{"processQueryKey":"p","flowControlledStaffIdList":["u1"]}""", "Throttled")]
    [InlineData("""{"processQueryKey":"p","invalidStaffIdList":[],"flowControlledStaffIdList":[]}""", "Ok")]
    [InlineData("""{"processQueryKey":"p"}""", "Ok")]
    public async Task Batch_send_to_one_user_maps_the_lists_of_a_200(string answer, string expected)
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => DingTalkStub.Json(HttpStatusCode.OK, answer);

        var result = await kit.Api.SendToUsersAsync(["u1"], "sampleText", "{}", CancellationToken.None);

        Assert.Equal(expected, result.GetType().Name);
        if (result is DingTalkResult.Throttled throttled)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.RetryAfter);
        }
    }

    [Fact]
    public async Task Batch_send_with_some_users_skipped_is_Ok_and_names_them()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => DingTalkStub.Json(HttpStatusCode.OK,
            """{"processQueryKey":"p","invalidStaffIdList":["u2"],"flowControlledStaffIdList":["u3"]}""");

        var ok = Assert.IsType<DingTalkResult.Ok>(await kit.Api.SendToUsersAsync(["u1", "u2", "u3"], "sampleText", "{}", CancellationToken.None));

        Assert.Equal("p", ok.ProcessQueryKey);
        Assert.Equal(["u2"], ok.InvalidUserIds);
        Assert.Equal(["u3"], ok.FlowControlledUserIds);
    }

    [Fact]
    public async Task Batch_send_refuses_more_than_twenty_users_locally()
    {
        using var kit = new DingTalkKit();
        var users = Enumerable.Range(0, 21).Select(i => $"u{i}").ToList();

        Assert.IsType<DingTalkResult.BadRequest>(await kit.Api.SendToUsersAsync(users, "sampleText", "{}", CancellationToken.None));
        Assert.Empty(kit.Stub.Requests);
    }

    [Theory]
    [InlineData(403, """{"code":"Forbidden.AccessDenied.QpsLimitForAppkeyAndApi","message":"qps","requestid":"r"}""", "Throttled")]
    [InlineData(403, """{"code":"Forbidden.AccessDenied.QpsLimitForApi","message":"qps","requestid":"r"}""", "Throttled")]
    [InlineData(429, """{"code":"Throttling","message":"slow down"}""", "Throttled")]
    [InlineData(403, """{"code":"Forbidden.AccessDenied.AccessTokenPermissionDenied","message":"no permission"}""", "AppRefused")]
    [InlineData(403, """{"code":"Forbidden.AccessDenied.ApiCountLimitForOrg","message":"monthly quota"}""", "AppRefused")]
    [InlineData(400, """{"code":"invalidParameter.openConversationId","message":"bad cid"}""", "BadRequest")]
    [InlineData(404, "", "BadRequest")]
    [InlineData(500, """{"code":"ServiceUnavailable","message":"busy"}""", "Transient")]
    [InlineData(502, "<html>bad gateway</html>", "Transient")]
    public async Task Error_bodies_map_to_results(int status, string body, string expected)
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => DingTalkStub.Json((HttpStatusCode)status, body);

        var result = await kit.Api.SendToGroupAsync("cid1", "sampleText", "{}", CancellationToken.None);

        Assert.Equal(expected, result.GetType().Name);
        if (result is DingTalkResult.AppRefused refused && body.Length > 0)
        {
            Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!, refused.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Retry_After_header_is_honoured()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) =>
        {
            var response = DingTalkStub.Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        };

        var result = await kit.Api.SendToGroupAsync("cid1", "sampleText", "{}", CancellationToken.None);

        Assert.Equal(new DingTalkResult.Throttled(TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task Network_failure_is_Transient()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused");

        Assert.IsType<DingTalkResult.Transient>(await kit.Api.SendToGroupAsync("cid1", "sampleText", "{}", CancellationToken.None));
    }

    [Fact]
    public async Task Rejected_token_is_dropped_and_the_call_retried_once()
    {
        using var kit = new DingTalkKit();
        var calls = 0;
        kit.Stub.Respond = (request, _) => Interlocked.Increment(ref calls) == 1
            ? DingTalkStub.Json(HttpStatusCode.Unauthorized, """{"code":"InvalidAuthentication","message":"不合法的access_token"}""")
            : DingTalkStub.Json(HttpStatusCode.OK, """{"processQueryKey":"second"}""");

        var result = await kit.Api.SendToGroupAsync("cid1", "sampleText", "{}", CancellationToken.None);

        Assert.Equal("second", Assert.IsType<DingTalkResult.Ok>(result).ProcessQueryKey);
        Assert.Equal(2, kit.Stub.TokenFetches);
        var sends = kit.Stub.Calls("/v1.0/robot/groupMessages/send").ToList();
        Assert.Equal(["tok1", "tok2"], sends.Select(s => s.Request.Headers.GetValues("x-acs-dingtalk-access-token").Single()));
    }

    [Fact]
    public async Task Token_rejected_twice_is_AppRefused_after_one_retry()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => DingTalkStub.Json(HttpStatusCode.Unauthorized, """{"code":"InvalidAuthentication","message":"x"}""");

        Assert.IsType<DingTalkResult.AppRefused>(await kit.Api.SendToGroupAsync("cid1", "sampleText", "{}", CancellationToken.None));
        Assert.Equal(2, kit.Stub.Calls("/v1.0/robot/groupMessages/send").Count());
    }

    [Fact]
    public async Task Card_goes_to_a_user_as_StandardCard_with_button_payloads_as_ids()
    {
        using var kit = new DingTalkKit();
        DingTalkCardButton[] buttons = [new("完成 100%", "done:plan-7:2026-03", Primary: true), new("稍后", "later:plan-7")];

        var result = await kit.Api.SendCardAsync(new DingTalkTarget.User("u1"), "card-42", "三月计划", "**请更新进度**", buttons, CancellationToken.None);

        Assert.IsType<DingTalkResult.Ok>(result);
        var (_, body) = Assert.Single(kit.Stub.Calls("/v1.0/im/v1.0/robot/interactiveCards/send"));
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("StandardCard", root.GetProperty("cardTemplateId").GetString());
        Assert.Equal("card-42", root.GetProperty("cardBizId").GetString());
        Assert.Equal("robot-1", root.GetProperty("robotCode").GetString());
        Assert.Equal("u1", JsonDocument.Parse(root.GetProperty("singleChatReceiver").GetString()!).RootElement.GetProperty("userId").GetString());
        Assert.False(root.TryGetProperty("openConversationId", out _));

        var card = JsonDocument.Parse(root.GetProperty("cardData").GetString()!).RootElement;
        Assert.Equal("三月计划", card.GetProperty("header").GetProperty("title").GetProperty("text").GetString());
        var contents = card.GetProperty("contents");
        Assert.Equal("**请更新进度**", contents[0].GetProperty("text").GetString());
        var actions = contents[1].GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["done:plan-7:2026-03", "later:plan-7"], actions.Select(a => a.GetProperty("id").GetString()));
        Assert.All(actions, a => Assert.Equal("request", a.GetProperty("actionType").GetString()));
        Assert.Equal("完成 100%", actions[0].GetProperty("label").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Card_to_a_group_names_the_conversation()
    {
        using var kit = new DingTalkKit();

        await kit.Api.SendCardAsync(new DingTalkTarget.Group("cidG=="), "card-1", "t", "m", [new("ok", "p")], CancellationToken.None);

        var root = JsonDocument.Parse(Assert.Single(kit.Stub.Calls("/interactiveCards/send")).Body).RootElement;
        Assert.Equal("cidG==", root.GetProperty("openConversationId").GetString());
        Assert.False(root.TryGetProperty("singleChatReceiver", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("dup")]
    [InlineData("long")]
    public async Task Bad_card_arguments_are_refused_locally(string problem)
    {
        using var kit = new DingTalkKit();
        DingTalkCardButton[] buttons = problem switch
        {
            "dup" => [new("a", "same"), new("b", "same")],
            "long" => [new("a", new string('x', DingTalkCardButton.MaxPayloadLength + 1))],
            _ => [new("a", "p")],
        };

        var result = await kit.Api.SendCardAsync(new DingTalkTarget.User("u1"), problem == "" ? " " : "card", "t", "m", buttons, CancellationToken.None);

        Assert.IsType<DingTalkResult.BadRequest>(result);
        Assert.Empty(kit.Stub.Requests);
    }

    [Fact]
    public async Task Upload_posts_multipart_to_the_old_host_and_returns_the_media_id()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (_, _) => DingTalkStub.Json(HttpStatusCode.OK, """{"errcode":0,"errmsg":"ok","media_id":"@lAmedia","type":"file","created_at":1}""");

        var result = await kit.Api.UploadMediaAsync("报表.xlsx", [1, 2, 3], DingTalkMediaKind.File, CancellationToken.None);

        Assert.Equal("@lAmedia", Assert.IsType<DingTalkResult.Ok>(result).ProcessQueryKey);
        var (request, body) = Assert.Single(kit.Stub.Calls("/media/upload"));
        Assert.Contains("access_token=tok1", request.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("type=file", request.RequestUri.Query, StringComparison.Ordinal);
        Assert.StartsWith("multipart/form-data", request.Content!.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("name=media", body, StringComparison.Ordinal);
        Assert.Contains("name=type", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(42001, "Ok")]
    [InlineData(90018, "Throttled")]
    [InlineData(90002, "Throttled")]
    [InlineData(40004, "BadRequest")]
    [InlineData(-1, "Transient")]
    public async Task Upload_errcodes_map_to_results(int errcode, string expected)
    {
        using var kit = new DingTalkKit();
        var calls = 0;
        kit.Stub.Respond = (_, _) => Interlocked.Increment(ref calls) == 1
            ? DingTalkStub.Json(HttpStatusCode.OK, $$"""{"errcode":{{errcode}},"errmsg":"x"}""")
            : DingTalkStub.Json(HttpStatusCode.OK, """{"errcode":0,"media_id":"@m"}""");

        var result = await kit.Api.UploadMediaAsync("a.png", [1], DingTalkMediaKind.Image, CancellationToken.None);

        Assert.Equal(expected, result.GetType().Name);
    }

    [Fact]
    public void Message_keys_carry_their_documented_parameters()
    {
        var file = DingTalkMessages.File("@m", "Report.XLSX");
        Assert.Equal("sampleFile", file.MsgKey);
        var parameters = JsonDocument.Parse(file.MsgParamJson).RootElement;
        Assert.Equal("@m", parameters.GetProperty("mediaId").GetString());
        Assert.Equal("Report.XLSX", parameters.GetProperty("fileName").GetString());
        Assert.Equal("xlsx", parameters.GetProperty("fileType").GetString());

        Assert.Equal("@img", JsonDocument.Parse(DingTalkMessages.Image("@img").MsgParamJson).RootElement.GetProperty("photoURL").GetString());
        var markdown = JsonDocument.Parse(DingTalkMessages.Markdown("标题", "# 正文").MsgParamJson).RootElement;
        Assert.Equal("标题", markdown.GetProperty("title").GetString());
        Assert.Equal("# 正文", markdown.GetProperty("text").GetString());
    }

    private static readonly IEqualityComparer<DingTalkResult> OkComparer = EqualityComparer<DingTalkResult>.Create(
        (a, b) => a is DingTalkResult.Ok x && b is DingTalkResult.Ok y && x.ProcessQueryKey == y.ProcessQueryKey);
}
