using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PlanBot.DingTalk;

/// <summary>
/// The app's access token (POST /v1.0/oauth2/accessToken), cached and refreshed <see cref="RefreshMargin"/> before it
/// expires. One refresh runs at a time; callers that arrive meanwhile wait for it. Neither the secret nor the token is
/// ever logged or put in an exception message.
/// </summary>
public sealed class DingTalkAccessTokens : IDisposable
{
    /// <summary>Refresh this long before DingTalk's expiry (tokens live 7,200 s), so a token never dies mid-call.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpFactory;
    private readonly DingTalkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DingTalkAccessTokens> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _current;

    public DingTalkAccessTokens(IHttpClientFactory httpFactory, IOptions<DingTalkOptions> options, TimeProvider time, ILogger<DingTalkAccessTokens> logger)
    {
        _httpFactory = httpFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>A valid token, fetched if there is none or it is due for refresh.</summary>
    /// <exception cref="DingTalkTokenException">DingTalk refused the credentials, throttled, or could not be reached.</exception>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _current);
        if (cached is not null && _time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Value;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            cached = Volatile.Read(ref _current);
            if (cached is not null && _time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Value;
            }

            var fresh = await FetchAsync(cancellationToken);
            Volatile.Write(ref _current, fresh);
            return fresh.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forget the cached token (DingTalk said it is invalid or expired); the next call fetches a new one.</summary>
    public void Invalidate() => Volatile.Write(ref _current, null);

    /// <summary>Forget <paramref name="token"/> only if it is still the cached one, so a token another caller just fetched survives.</summary>
    internal void Invalidate(string token)
    {
        var cached = Volatile.Read(ref _current);
        if (cached is not null && cached.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, cached);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var http = _httpFactory.CreateClient(DingTalkSetup.HttpClientName);
        var url = new Uri(_options.ApiBase, "v1.0/oauth2/accessToken");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, new TokenRequest(_options.ClientId, _options.ClientSecret), DingTalkJson.Options, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(new DingTalkResult.Transient($"access token request failed: {ex.HttpRequestError}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(new DingTalkResult.Transient("access token request timed out"));
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var classified = DingTalkErrors.FromV1(response.StatusCode, body, response.Headers.RetryAfter?.Delta);
                // A 4xx from the token endpoint is about the credentials; say so without echoing them.
                var result = classified.Result switch
                {
                    DingTalkResult.BadRequest bad => new DingTalkResult.AppRefused("DingTalk refused the app credentials: " + bad.Error),
                    DingTalkResult.Forbidden forbidden => new DingTalkResult.AppRefused("DingTalk refused the app credentials: " + forbidden.Error),
                    DingTalkResult.AppRefused refused => new DingTalkResult.AppRefused("DingTalk refused the app credentials: " + refused.Error),
                    var other => other,
                };
                throw Fail(result);
            }

            TokenResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<TokenResponse>(body, DingTalkJson.Options);
            }
            catch (JsonException)
            {
                parsed = null;
            }

            if (parsed is null || string.IsNullOrEmpty(parsed.AccessToken) || parsed.ExpireIn <= 0)
            {
                throw Fail(new DingTalkResult.Transient("access token answer had no accessToken/expireIn"));
            }

            var lifetime = TimeSpan.FromSeconds(parsed.ExpireIn);
            // A lifetime shorter than the margin would mean refreshing on every call; use half of it instead.
            var usable = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
            _logger.LogInformation("DingTalk access token fetched; valid for {Lifetime}", lifetime);
            return new CachedToken(parsed.AccessToken, _time.GetUtcNow() + usable);
        }
    }

    private DingTalkTokenException Fail(DingTalkResult result)
    {
        var exception = new DingTalkTokenException(result);
        _logger.LogWarning("DingTalk access token unavailable: {Reason}", exception.Message);
        return exception;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    private sealed record TokenRequest(
        [property: JsonPropertyName("appKey")] string AppKey,
        [property: JsonPropertyName("appSecret")] string AppSecret);

    private sealed record TokenResponse(
        [property: JsonPropertyName("accessToken")] string? AccessToken,
        [property: JsonPropertyName("expireIn")] long ExpireIn);
}

/// <summary>No access token could be had; <see cref="Result"/> says why, as the API call's result.</summary>
public sealed class DingTalkTokenException : Exception
{
    public DingTalkTokenException(DingTalkResult result)
        : base(Describe(result)) => Result = result;

    public DingTalkResult Result { get; }

    private static string Describe(DingTalkResult result) => result switch
    {
        DingTalkResult.Forbidden f => f.Error,
        DingTalkResult.AppRefused a => a.Error,
        DingTalkResult.BadRequest b => b.Error,
        DingTalkResult.Transient t => t.Error,
        DingTalkResult.Throttled th => $"access token request throttled; retry after {th.RetryAfter}",
        _ => "no access token",
    };
}

/// <summary>Serializer settings for DingTalk's camelCase JSON.</summary>
internal static class DingTalkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese text stays readable in requests (and in any diagnostics); JSON stays valid either way.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
