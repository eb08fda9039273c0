using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Common;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/invite MEMBER: a single-use, expiring code and the t.me start link for a roster member.</summary>
public sealed class InviteCommand(PlanClock clock, IOptions<PlanBotOptions> planOptions, IOptions<ChatOptions> chatOptions) : IChatCommand
{
    public string Name => "invite";

    public MemberRoles AllowedRoles => MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var wanted = r.Arguments.Trim();
        if (wanted.Length == 0)
        {
            return r.Usage(r.T["error.memberMissing"], Name);
        }

        var member = await r.Db.Members.FirstOrDefaultAsync(m => m.Name == wanted, ct);
        if (member is null && wanted.StartsWith('#') && int.TryParse(wanted[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            member = await r.Db.Members.FindAsync([id], ct);
        }

        if (member is null)
        {
            return r.Usage(r.T.Format("error.unknownMember", wanted), Name);
        }

        var now = clock.UtcNow;
        var invite = new Invite
        {
            Code = NewCode(),
            MemberId = member.Id,
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddHours(planOptions.Value.InviteValidHours),
        };
        r.Db.Invites.Add(invite);
        var expires = clock.ToLocal(invite.ExpiresAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var bot = chatOptions.Value.BotUsername?.TrimStart('@');
        var text = r.T.Format("invite.made", member.Name, invite.Code, expires);
        text += "\n" + (string.IsNullOrWhiteSpace(bot)
            ? r.T.Format("invite.noLink", invite.Code)
            : r.T.Format("invite.link", $"https://t.me/{bot}?start={invite.Code}"));
        if (member.IsLinked)
        {
            text += "\n" + r.T["invite.relink"];
        }

        return r.Answer(text);
    }

    /// <summary>16 characters of [A-Za-z0-9_-]: safe in a t.me start parameter and not guessable.</summary>
    private static string NewCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
