using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace PlanBot.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>The "Telegram" configuration section. An empty <see cref="BotToken"/> runs the console chat instead.</summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    public const string Section = "Telegram";

    /// <summary>From @BotFather; keep it in the environment (Telegram__BotToken) or user secrets, never in a file in git.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Empty: Telegram's own server; else a local Bot API server or a test fake.</summary>
    public string? ApiBaseUrl { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram posts updates to (webhook mode).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token: 1–256 of A-Z, a-z, 0-9, _ and -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>What the bot's own web server binds in webhook mode (behind the HTTPS reverse proxy).</summary>
    public string WebhookListenUrl { get; set; } = "http://127.0.0.1:8443";

    /// <summary>How long one getUpdates call waits for updates (long polling).</summary>
    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        // The message must never echo the token itself.
        if (!TokenShape().IsMatch(BotToken))
        {
            yield return new ValidationResult("Telegram:BotToken does not look like a bot token (digits, a colon, then letters, digits, _ or -).", [nameof(BotToken)]);
        }

        if (!string.IsNullOrWhiteSpace(ApiBaseUrl) && !IsHttpUrl(ApiBaseUrl))
        {
            yield return new ValidationResult($"Telegram:ApiBaseUrl '{ApiBaseUrl}' is not an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }

        if (Mode != TelegramMode.Webhook)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(WebhookUrl) || !IsHttpUrl(WebhookUrl))
        {
            yield return new ValidationResult("Telegram:WebhookUrl must be the public https URL Telegram posts updates to when Telegram:Mode is Webhook.", [nameof(WebhookUrl)]);
        }

        if (WebhookSecret is null || !SecretShape().IsMatch(WebhookSecret))
        {
            yield return new ValidationResult("Telegram:WebhookSecret must be 1–256 characters of A-Z, a-z, 0-9, _ and - when Telegram:Mode is Webhook.", [nameof(WebhookSecret)]);
        }

        if (!IsHttpUrl(WebhookListenUrl))
        {
            yield return new ValidationResult($"Telegram:WebhookListenUrl '{WebhookListenUrl}' is not an absolute http(s) URL such as http://127.0.0.1:8443.", [nameof(WebhookListenUrl)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[0-9]+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();
}
