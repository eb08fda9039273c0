using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>Access tokens: issued for the app's key and secret, checked on every OpenAPI call.</summary>
public sealed partial class FakeDingTalkServer
{
    private readonly Dictionary<string, DateTimeOffset> _tokens = [];
    private int _tokensToExpire;

    /// <summary>The tokens issued so far, newest last.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _tokens.Keys];
            }
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> OpenAPI calls find their token expired (as if its 2 hours were up), and that
    /// token stays expired; a new token from /v1.0/oauth2/accessToken works.
    /// </summary>
    public void ExpireNextToken(int times = 1)
    {
        lock (_lock)
        {
            _tokensToExpire += times;
        }
    }

    /// <summary>Every token issued so far expires now.</summary>
    public void ExpireAllTokens()
    {
        lock (_lock)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = Now;
            }
        }
    }

    /// <summary>
    /// POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}. A wrong key or secret is 400
    /// invalidClientIdOrSecret; a body that is not JSON is refused too (DingTalk reads only a JSON body here:
    /// https://github.com/aliyun/alibabacloud-php-sdk/issues/36).
    /// </summary>
    private async Task IssueTokenAsync(HttpContext context)
    {
        var (body, isJson) = await ReadJsonAsync(context.Request);
        if (body is null)
        {
            await AnswerErrorAsync(context, body, 400, "MissingBody", isJson ? "body is not valid JSON." : "body is mandatory for this action.");
            return;
        }

        if ((string?)body["appKey"] != ClientId || (string?)body["appSecret"] != ClientSecret)
        {
            await AnswerErrorAsync(context, body, 400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
            return;
        }

        var token = NewId();
        lock (_lock)
        {
            _tokens[token] = Now + TokenLifetime;
        }

        await AnswerAsync(context, body, 200, new JsonObject { ["accessToken"] = token, ["expireIn"] = (int)TokenLifetime.TotalSeconds });
    }

    /// <summary>Whether <paramref name="token"/> is one we issued and still live; an injected expiry is spent here.</summary>
    private TokenState CheckToken(string? token)
    {
        lock (_lock)
        {
            if (token is null || !_tokens.TryGetValue(token, out var expiresAt))
            {
                return TokenState.Invalid;
            }

            if (_tokensToExpire > 0)
            {
                _tokensToExpire--;
                _tokens[token] = Now;
                return TokenState.Expired;
            }

            return expiresAt > Now ? TokenState.Valid : TokenState.Expired;
        }
    }

    /// <summary>
    /// The v1.0 APIs' token check (header x-acs-dingtalk-access-token). DingTalk answers an unknown and an expired token
    /// alike: 400 InvalidAuthentication "不合法的access_token" (https://github.com/satorijs/satori/issues/240; expired:
    /// https://github.com/ClouGence/open-cdm/issues/342). True when the call may go on.
    /// </summary>
    private async Task<bool> AuthorizedAsync(HttpContext context, JsonObject? body)
    {
        var token = context.Request.Headers["x-acs-dingtalk-access-token"].FirstOrDefault();
        if (CheckToken(token) == TokenState.Valid)
        {
            return true;
        }

        await AnswerErrorAsync(context, body, 400, "InvalidAuthentication", "不合法的access_token");
        return false;
    }

    private enum TokenState
    {
        Valid,
        Invalid,
        Expired,
    }
}
