using System.ComponentModel.DataAnnotations;

namespace PlanBot.Dashboard;

/// <summary>The "Dashboard" configuration section: the web page of the three lists (docs/dashboard.md).</summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>Null: on when the bot runs on Telegram or DingTalk, off on the console chat (see <see cref="DashboardSetup"/>).</summary>
    public bool? Enabled { get; set; }

    /// <summary>What the dashboard's own web server binds (behind the operator's HTTPS proxy).</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The address people open, as the proxy publishes it (https://plan.example.gov.cn/); Telegram opens Mini Apps over
    /// HTTPS only. Empty: the address the server bound (enough on one machine, never for Telegram).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a session lasts after it was made; then the page asks Telegram again, or for a new link.</summary>
    [Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 120;

    /// <summary>How long a one-time link (/dashboard link, DingTalk) may wait before it is opened.</summary>
    [Range(1, 24 * 60)]
    public int LinkMinutes { get; set; } = 15;

    /// <summary>The oldest Telegram initData accepted (its auth_date), so a copied one cannot be replayed for long.</summary>
    [Range(1, 7 * 24 * 60)]
    public int InitDataMaxAgeMinutes { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(ListenUrl))
        {
            yield return new ValidationResult($"Dashboard:ListenUrl '{ListenUrl}' is not an absolute http(s) URL such as http://127.0.0.1:8080.", [nameof(ListenUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(PublicUrl) && !IsHttpUrl(PublicUrl))
        {
            yield return new ValidationResult($"Dashboard:PublicUrl '{PublicUrl}' is not an absolute http(s) URL.", [nameof(PublicUrl)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
