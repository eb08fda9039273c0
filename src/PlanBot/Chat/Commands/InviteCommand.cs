using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Invites;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/invite MEMBER: a single-use, expiring code and the t.me start link for a roster member.</summary>
public sealed class InviteCommand(PlanClock clock, InviteService invites, IOptions<TelegramLinkOptions> telegram) : IChatCommand
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

        await r.Db.Entry(member).Collection(m => m.Contacts).LoadAsync(ct);

        var invite = await invites.CreateAsync(r.Db, member.Id, ct);
        var expires = clock.ToLocal(invite.ExpiresAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = r.T.Format("invite.made", member.Name, invite.Code, expires);
        text += "\n" + (telegram.Value.HasBotUsername
            ? r.T.Format("invite.link", telegram.Value.StartLink(invite.Code))
            : r.T.Format("invite.noLink", invite.Code));
        if (member.IsLinked)
        {
            text += "\n" + r.T["invite.relink"];
        }

        return r.Answer(text);
    }
}
