using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Texts;
using PlanBot.Common;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Chat.Joining;

/// <summary>/start &lt;code&gt; from someone not yet linked: a usable invite links their Telegram account to its roster member, once.</summary>
public sealed class InviteRedeemer(PlanClock clock)
{
    public async Task<ChatResponse> RedeemAsync(PlanBotDbContext db, InboundMessage message, string code, CancellationToken ct)
    {
        var stranger = ChatTexts.ForStranger(message.FromLanguageCode);
        code = code.Trim();
        var now = clock.UtcNow;
        var invite = code.Length is 0 or > 64
            ? null
            : await db.Invites.Include(i => i.Member).FirstOrDefaultAsync(i => i.Code == code, ct);
        if (invite?.Member is not { } member || !invite.IsUsable(now))
        {
            var key = invite is null ? "join.badCode" : invite.UsedAtUtc is not null ? "join.usedCode" : "join.expiredCode";
            return Answer(message, stranger[key]);
        }

        if (!message.IsPrivateChat)
        {
            return Answer(message, stranger["join.privateOnly"]);
        }

        invite.UsedAtUtc = now;
        invite.UsedByTelegramUserId = message.FromUserId;
        member.TelegramUserId = message.FromUserId;
        member.ChatId = message.ChatId;
        member.Reachable = true;
        var t = ChatTexts.For(member.Language);
        return new ChatResponse([
            new OutgoingMessage(message.ChatId, t.Format("join.welcome", member.Name, member.Unit) + "\n" + t["join.next"])
            {
                RecipientMemberId = member.Id,
            },
        ]);
    }

    private static ChatResponse Answer(InboundMessage message, string html) => new([new OutgoingMessage(message.ChatId, html)]);
}
