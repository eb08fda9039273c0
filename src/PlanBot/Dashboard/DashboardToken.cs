namespace PlanBot.Dashboard;

public enum DashboardTokenKind
{
    /// <summary>A one-time link sent in chat: opening it makes a <see cref="Session"/>, and it is spent.</summary>
    Link,

    /// <summary>The browser's session (its cookie, or the bearer token of a Mini App framed by Telegram Web or Desktop).</summary>
    Session,
}

/// <summary>
/// A dashboard link or session. Only the token's SHA-256 is stored here, so a copy of the database opens no session; a
/// one-time link's address is also in the outbox row that carried it, usable by whoever reads the copy within its
/// <see cref="DashboardOptions.LinkMinutes"/> and before the member opens it.
/// </summary>
public sealed class DashboardToken
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; set; }

    public DashboardTokenKind Kind { get; set; }

    public int MemberId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>When a link was opened; a used link opens nothing again.</summary>
    public DateTime? UsedAtUtc { get; set; }
}
