using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PlanBot.DingTalk;

/// <summary>
/// Classifies DingTalk's error answers (/tmp/dingtalk-protocol.md §7). v1.0 answers 4xx/5xx with {code, message, requestid};
/// the old host answers 200 with {errcode, errmsg}.
/// </summary>
internal static class DingTalkErrors
{
    /// <summary>DingTalk's QPS limits are per second (how-to-process-api-throttling-on-the-dingtalk-server).</summary>
    public static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(1);

    /// <summary>The per-IP limit bans the caller's IP for five minutes (same page).</summary>
    public static readonly TimeSpan IpBan = TimeSpan.FromMinutes(5);

    /// <summary>A result, and whether the access token was the problem (the caller then fetches a new one and retries once).</summary>
    public readonly record struct Classified(DingTalkResult Result, bool TokenRejected);

    public static Classified FromV1(HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        var (code, message) = ReadV1Error(body);
        var described = Describe((int)status, code, message);
        var statusCode = (int)status;

        if (code is "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi" or "Forbidden.AccessDenied.QpsLimitForApi"
            || status == HttpStatusCode.TooManyRequests
            || (code?.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return new(new DingTalkResult.Throttled(retryAfter ?? DefaultThrottle), false);
        }

        if (IsIpBan(body))
        {
            return new(new DingTalkResult.Throttled(retryAfter ?? IpBan), false);
        }

        if (status == HttpStatusCode.Unauthorized || code == "InvalidAuthentication")
        {
            return new(new DingTalkResult.AppRefused(described), true);
        }

        // A v1.0 403 is about the app (no permission, quota), never about one recipient: a user outside the visible
        // range comes back in batchSend's invalidStaffIdList instead.
        if (status == HttpStatusCode.Forbidden)
        {
            return new(new DingTalkResult.AppRefused(described), false);
        }

        if (statusCode >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            return new(new DingTalkResult.Transient(described), false);
        }

        return new(new DingTalkResult.BadRequest(described), false);
    }

    public static Classified FromOapi(int errcode, string? errmsg)
    {
        var described = string.Create(CultureInfo.InvariantCulture, $"errcode {errcode}: {errmsg}");
        return errcode switch
        {
            // invalid or missing token, token expired
            40001 or 40014 or 41001 or 42001 => new(new DingTalkResult.AppRefused(described), true),
            // 90018: per-app QPS; 90002: per-API global QPS
            90018 or 90002 => new(new DingTalkResult.Throttled(DefaultThrottle), false),
            // monthly call quota of a standard-edition organisation: does not heal within a retry's reach
            90020 => new(new DingTalkResult.AppRefused(described), false),
            -1 => new(new DingTalkResult.Transient(described), false),
            _ => new(new DingTalkResult.BadRequest(described), false),
        };
    }

    private static (string? Code, string? Message) ReadV1Error(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (ReadString(doc.RootElement, "code"), ReadString(doc.RootElement, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static bool IsIpBan(string? body) =>
        body is not null && body.Contains("\"punish\"", StringComparison.Ordinal) && body.Contains("deny", StringComparison.Ordinal);

    internal static string? ReadString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(int status, string? code, string? message) =>
        string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {code ?? "(no code)"}: {message ?? "(no message)"}");
}
