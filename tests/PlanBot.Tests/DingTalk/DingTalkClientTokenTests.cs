using System.Net;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkClientTokenTests
{
    [Fact]
    public async Task Token_is_cached_until_five_minutes_before_it_expires()
    {
        using var kit = new DingTalkKit();

        Assert.Equal("tok1", await kit.Tokens.GetAsync(CancellationToken.None));
        kit.Time.Advance(TimeSpan.FromSeconds(7200) - DingTalkAccessTokens.RefreshMargin - TimeSpan.FromSeconds(1));
        Assert.Equal("tok1", await kit.Tokens.GetAsync(CancellationToken.None));
        Assert.Equal(1, kit.Stub.TokenFetches);

        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("tok2", await kit.Tokens.GetAsync(CancellationToken.None));
        Assert.Equal(2, kit.Stub.TokenFetches);
    }

    [Fact]
    public async Task Token_request_carries_app_key_and_secret()
    {
        using var kit = new DingTalkKit();
        await kit.Tokens.GetAsync(CancellationToken.None);

        var (request, body) = Assert.Single(kit.Stub.Calls("/v1.0/oauth2/accessToken"));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Contains($"\"appKey\":\"{DingTalkStub.ClientId}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"appSecret\":\"{DingTalkStub.ClientSecret}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        using var kit = new DingTalkKit();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        kit.Stub.TokenResponder = async n =>
        {
            entered.TrySetResult();
            await release.Task;
            return DingTalkStub.Json(HttpStatusCode.OK, $$"""{"accessToken":"tok{{n}}","expireIn":7200}""");
        };

        var callers = Enumerable.Range(0, 10).Select(_ => kit.Tokens.GetAsync(CancellationToken.None).AsTask()).ToList();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(tokens, t => Assert.Equal("tok1", t));
        Assert.Equal(1, kit.Stub.TokenFetches);
    }

    [Fact]
    public async Task Invalidate_makes_the_next_call_fetch_a_new_token()
    {
        using var kit = new DingTalkKit();
        await kit.Tokens.GetAsync(CancellationToken.None);
        kit.Tokens.Invalidate();

        Assert.Equal("tok2", await kit.Tokens.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Short_lived_token_is_refreshed_at_half_its_life()
    {
        using var kit = new DingTalkKit();
        kit.Stub.TokenResponder = n => Task.FromResult(DingTalkStub.Json(HttpStatusCode.OK, $$"""{"accessToken":"tok{{n}}","expireIn":60}"""));

        await kit.Tokens.GetAsync(CancellationToken.None);
        kit.Time.Advance(TimeSpan.FromSeconds(29));
        await kit.Tokens.GetAsync(CancellationToken.None);
        Assert.Equal(1, kit.Stub.TokenFetches);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await kit.Tokens.GetAsync(CancellationToken.None);
        Assert.Equal(2, kit.Stub.TokenFetches);
    }

    [Fact]
    public async Task Refused_credentials_become_AppRefused_without_the_secret_anywhere()
    {
        using var kit = new DingTalkKit();
        // A hostile answer that echoes the secret must not make it into the exception or the logs.
        kit.Stub.TokenResponder = _ => Task.FromResult(DingTalkStub.Json(HttpStatusCode.BadRequest,
            $$"""{"code":"invalidClientIdOrSecret","message":"bad","requestid":"r1"}"""));

        var error = await Assert.ThrowsAsync<DingTalkTokenException>(() => kit.Tokens.GetAsync(CancellationToken.None).AsTask());
        Assert.IsType<DingTalkResult.AppRefused>(error.Result);
        Assert.Contains("invalidClientIdOrSecret", error.Message, StringComparison.Ordinal);

        var result = await kit.Api.SendToGroupAsync("cid1", DingTalkMessages.TextKey, """{"content":"x"}""", CancellationToken.None);
        Assert.IsType<DingTalkResult.AppRefused>(result);

        Assert.NotEmpty(kit.TokenLog.Lines);
        Assert.DoesNotContain(kit.AllLogLines, l => l.Contains(DingTalkStub.ClientSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(DingTalkStub.ClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_never_appears_in_logs_or_results()
    {
        using var kit = new DingTalkKit();
        kit.Stub.Respond = (request, _) => request.RequestUri!.AbsolutePath.EndsWith("/media/upload", StringComparison.Ordinal)
            ? DingTalkStub.Json(HttpStatusCode.OK, """{"errcode":40007,"errmsg":"bad media for access_token=tok1"}""")
            : DingTalkStub.Json(HttpStatusCode.BadRequest, """{"code":"invalidParameter","message":"token tok1 rejected"}""");

        var sent = await kit.Api.SendToGroupAsync("cid1", DingTalkMessages.TextKey, """{"content":"x"}""", CancellationToken.None);
        var uploaded = await kit.Api.UploadMediaAsync("a.png", [1, 2, 3], DingTalkMediaKind.Image, CancellationToken.None);

        Assert.DoesNotContain("tok1", sent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok1", uploaded.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(kit.AllLogLines, l => l.Contains("tok1", StringComparison.Ordinal) || l.Contains(DingTalkStub.ClientSecret, StringComparison.Ordinal));
    }
}
