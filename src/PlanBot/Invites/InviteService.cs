using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Invites;

public enum RedeemOutcome
{
    /// <summary>The member is now linked to this Telegram account.</summary>
    Joined,
    UnknownCode,
    AlreadyUsed,
    Expired,

    /// <summary>This Telegram account is already linked to another roster member.</summary>
    AccountLinkedToOther,
}

/// <param name="Member">The invite's member (Joined, AlreadyUsed, Expired) or the other member (AccountLinkedToOther).</param>
public sealed record RedeemResult(RedeemOutcome Outcome, Member? Member = null);

/// <summary>
/// Makes and redeems invites: single-use codes that link a Telegram account to a roster member.
/// Like chat handlers, it changes tracked entities and never saves: the caller saves, in its own transaction.
/// </summary>
public sealed class InviteService(TimeProvider time, IOptions<InviteOptions> options)
{
    /// <summary>128 random bits: unguessable, and short enough for a t.me start parameter (at most 64 of [A-Za-z0-9_-]).</summary>
    private const int CodeBytes = 16;

    /// <summary>Adds a new invite for the member, valid for PlanBot:InviteValidHours.</summary>
    /// <exception cref="InvalidOperationException">No member has this id.</exception>
    public async Task<Invite> CreateAsync(PlanBotDbContext db, int memberId, CancellationToken ct)
    {
        var member = await db.Members.FindAsync([memberId], ct)
            ?? throw new InvalidOperationException($"No member has id {memberId}.");
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var invite = new Invite
        {
            Code = NewCode(),
            Member = member,
            MemberId = member.Id,
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc.AddHours(options.Value.InviteValidHours),
        };
        db.Invites.Add(invite);
        return invite;
    }

    /// <summary>
    /// Links the account (on its channel) to the invite's member and uses the invite up, or says why it cannot. A member
    /// already known on that channel under another account is moved to this one (a new phone, a new Telegram account).
    /// </summary>
    public async Task<RedeemResult> RedeemAsync(PlanBotDbContext db, string code, ChatAddress userId, ChatAddress chatId, CancellationToken ct)
    {
        var trimmed = code.Trim();
        var invite = await db.Invites.Include(i => i.Member).FirstOrDefaultAsync(i => i.Code == trimmed, ct);
        if (invite?.Member is not { } member)
        {
            return new(RedeemOutcome.UnknownCode);
        }

        if (invite.UsedAtUtc is not null)
        {
            return new(RedeemOutcome.AlreadyUsed, member);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (!invite.IsUsable(nowUtc))
        {
            return new(RedeemOutcome.Expired, member);
        }

        var linked = await db.MemberContacts.Include(c => c.Member).FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (linked is not null && linked.MemberId != member.Id)
        {
            return new(RedeemOutcome.AccountLinkedToOther, linked.Member);
        }

        if (linked is null)
        {
            await db.Entry(member).Collection(m => m.Contacts).LoadAsync(ct);
            member.Contacts.RemoveAll(c => c.UserId.Channel == userId.Channel);
            linked = new MemberContact { UserId = userId, LinkedAtUtc = nowUtc };
            member.Contacts.Add(linked);
        }

        linked.PrivateChat = chatId;
        member.ChatId = chatId;
        member.Reachable = true;
        invite.UsedAtUtc = nowUtc;
        invite.UsedBy = userId;
        return new(RedeemOutcome.Joined, member);
    }

    private static string NewCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(CodeBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
