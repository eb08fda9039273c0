using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Dashboard;

/// <summary>Makes and checks dashboard links and sessions (<see cref="DashboardToken"/>): random tokens, stored hashed, expiring.</summary>
public sealed class DashboardSessions(TimeProvider time, IOptions<DashboardOptions> options)
{
    /// <summary>A one-time link token for a member; the caller saves.</summary>
    public string AddLink(PlanBotDbContext db, int memberId) =>
        Add(db, memberId, DashboardTokenKind.Link, TimeSpan.FromMinutes(options.Value.LinkMinutes));

    /// <summary>A session token for a member; the caller saves.</summary>
    public string AddSession(PlanBotDbContext db, int memberId) =>
        Add(db, memberId, DashboardTokenKind.Session, TimeSpan.FromMinutes(options.Value.SessionMinutes));

    /// <summary>Spends a link (once, before it expires) and returns a new session token for its member; null otherwise.</summary>
    public async Task<string?> RedeemLinkAsync(PlanBotDbContext db, string linkToken, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(linkToken);
        // A conditional update: two browsers opening the same link at once cannot both get a session.
        var link = await db.DashboardTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.Kind == DashboardTokenKind.Link, ct);
        if (link is null || link.UsedAtUtc is not null || link.ExpiresAtUtc <= now
            || await db.MemberContacts.AnyAsync(c => c.MemberId == link.MemberId && c.LinkedAtUtc > link.CreatedAtUtc, ct))
        {
            return null;
        }

        var spent = await db.DashboardTokens
            .Where(t => t.Id == link.Id && t.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtUtc, now), ct);
        if (spent == 0)
        {
            return null;
        }

        var session = AddSession(db, link.MemberId);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>The member a session token belongs to, while it lasts.</summary>
    public async Task<Member?> MemberOfSessionAsync(PlanBotDbContext db, string? sessionToken, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(sessionToken) || sessionToken.Length > 100)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(sessionToken);
        // A session ends when the member is linked to another account after it began (a post handed over and relinked to
        // its new holder): the one who opened it is no longer that member.
        var memberId = await db.DashboardTokens
            .Where(t => t.TokenHash == hash && t.Kind == DashboardTokenKind.Session && t.ExpiresAtUtc > now
                && !db.MemberContacts.Any(c => c.MemberId == t.MemberId && c.LinkedAtUtc > t.CreatedAtUtc))
            .Select(t => (int?)t.MemberId)
            .SingleOrDefaultAsync(ct);
        return memberId is null ? null : await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
    }

    /// <summary>Deletes what has expired, so the table holds only live links and sessions.</summary>
    public Task<int> DeleteExpiredAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.DashboardTokens.Where(t => t.ExpiresAtUtc <= now).ExecuteDeleteAsync(ct);
    }

    private string Add(PlanBotDbContext db, int memberId, DashboardTokenKind kind, TimeSpan lifetime)
    {
        // Hex: no character that markdown (DingTalk) or a chat app's link detection would change or cut.
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        db.DashboardTokens.Add(new DashboardToken
        {
            TokenHash = Hash(token),
            Kind = kind,
            MemberId = memberId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + lifetime,
        });
        return token;
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
