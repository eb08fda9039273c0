using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Storage;

namespace PlanBot.Chat.Buttons;

/// <summary>
/// Signs button data ("p:12:50" → "p:12:50:&lt;sig&gt;") so a forged or altered button is refused.
/// The key is PlanBot:CallbackSecret, or else a random secret generated once and kept in the database
/// (so buttons stay valid across restarts).
/// </summary>
public sealed class CallbackSigner(IOptions<ChatOptions> options, IServiceScopeFactory scopes)
{
    public const string SecretSettingKey = "CallbackSecret";

    // 12 bytes of HMAC-SHA256 (96 bits) as 16 base64url characters: forging stays out of reach and the data stays under 64 bytes.
    private const int SignatureBytes = 12;
    private const int MaxDataBytes = 64;

    // PublicationOnly: a load that failed (the first signature inside an inbox batch, which cannot save the new key:
    // WriteLockGuard) is tried again at the next use instead of being remembered; two loads at once are harmless.
    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value.CallbackSecret, scopes), LazyThreadSafetyMode.PublicationOnly);

    public string Sign(string payload)
    {
        var data = payload + ":" + Signature(payload);
        if (Encoding.UTF8.GetByteCount(data) > MaxDataBytes)
        {
            throw new ArgumentException($"Callback data '{payload}' is too long for Telegram's 64 bytes.", nameof(payload));
        }

        return data;
    }

    /// <summary>The payload when the data carries a valid signature; null for anything forged, altered or malformed.</summary>
    public string? Verify(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        var cut = data.LastIndexOf(':');
        if (cut <= 0)
        {
            return null;
        }

        var payload = data[..cut];
        var expected = Encoding.ASCII.GetBytes(Signature(payload));
        var actual = Encoding.ASCII.GetBytes(data[(cut + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? payload : null;
    }

    private string Signature(string payload)
    {
        var mac = HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(payload));
        return Convert.ToBase64String(mac, 0, SignatureBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static byte[] LoadKey(string? configured, IServiceScopeFactory scopes)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var stored = db.BotState.Find(SecretSettingKey);
        if (stored is null)
        {
            stored = new BotStateEntry { Key = SecretSettingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
            db.BotState.Add(stored);
            try
            {
                db.SaveChanges();
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Another scope stored one first: use that one, so every button signed so far stays valid.
                db.ChangeTracker.Clear();
                stored = db.BotState.Find(SecretSettingKey) ?? throw new InvalidOperationException("Callback secret vanished.");
            }
        }

        return Convert.FromBase64String(stored.Value);
    }
}
