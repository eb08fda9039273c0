using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace PlanBot.Dashboard;

/// <summary>
/// Checks the initData a Telegram Mini App hands its page (core.telegram.org/bots/webapps, "Validating data received
/// via the Mini App"): the hash is HMAC-SHA256 of the sorted "key=value" lines without the hash, keyed with
/// HMAC-SHA256("WebAppData", bot token). Only Telegram and the bot know the token, so a valid hash proves Telegram
/// signed this user id; the age limit on auth_date keeps a copied initData from working for long.
/// </summary>
public static class TelegramInitData
{
    public enum Outcome
    {
        Valid,
        Malformed,
        BadSignature,
        Expired,
    }

    /// <summary>The Telegram user id the data was signed for, when <see cref="Outcome.Valid"/>.</summary>
    public static (Outcome Outcome, long UserId) Validate(string initData, string botToken, DateTimeOffset now, TimeSpan maxAge)
    {
        Dictionary<string, string> fields;
        try
        {
            fields = QueryHelpers.ParseQuery(initData).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        }
        catch (ArgumentException)
        {
            return (Outcome.Malformed, 0);
        }

        if (!fields.Remove("hash", out var hash) || hash.Length != 64 || botToken.Length == 0)
        {
            return (Outcome.Malformed, 0);
        }

        var expected = Sign(fields, botToken);
        byte[] given;
        try
        {
            given = Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            return (Outcome.Malformed, 0);
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return (Outcome.BadSignature, 0);
        }

        if (!fields.TryGetValue("auth_date", out var authText)
            || !long.TryParse(authText, NumberStyles.None, CultureInfo.InvariantCulture, out var authSeconds))
        {
            return (Outcome.Malformed, 0);
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(authSeconds);
        if (age > maxAge || age < -TimeSpan.FromMinutes(5))
        {
            return (Outcome.Expired, 0);
        }

        return fields.TryGetValue("user", out var userJson) && UserId(userJson) is { } id ? (Outcome.Valid, id) : (Outcome.Malformed, 0);
    }

    /// <summary>The hash Telegram would send for these fields (without "hash"): the tests sign their initData with it.</summary>
    public static byte[] Sign(IReadOnlyDictionary<string, string> fields, string botToken)
    {
        var secret = HMACSHA256.HashData(Encoding.UTF8.GetBytes("WebAppData"), Encoding.UTF8.GetBytes(botToken));
        var checkString = string.Join('\n', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(checkString));
    }

    private static long? UserId(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) && value > 0 ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
