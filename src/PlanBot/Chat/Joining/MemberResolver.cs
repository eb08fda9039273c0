using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat.Joining;

/// <summary>Who wrote: the roster member linked to the sender on their channel, or a configured admin seen for the first time.</summary>
public sealed class MemberResolver(IOptions<ChatOptions> options, PlanClock clock)
{
    public async Task<Member?> FindAsync(PlanBotDbContext db, InboundMessage message, CancellationToken ct)
    {
        var contact = await db.MemberContacts.Include(c => c.Member).FirstOrDefaultAsync(c => c.UserId == message.FromUserId, ct);
        var member = contact?.Member;
        if (member is not null && message.IsPrivateChat && message.Kind != InboundKind.Other)
        {
            // Writing to the bot proves the chat works again (after a 403) and tells us where reminders go: to the
            // channel the member uses now.
            contact!.PrivateChat = message.ChatId;
            member.ChatId = message.ChatId;
            member.Reachable = true;
        }

        return member;
    }

    public bool IsConfiguredAdmin(ChatAddress userId) => userId.Channel switch
    {
        Channel.Telegram => userId.Number is { } id && options.Value.AdminTelegramUserIds.Contains(id),
        Channel.DingTalk => options.Value.AdminDingTalkUserIds.Contains(userId.Id, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>Adds a linked admin (and supervisor) for a configured admin id; the caller's save stores it.</summary>
    public async Task<Member> CreateAdminAsync(PlanBotDbContext db, InboundMessage message, CancellationToken ct)
    {
        var display = string.IsNullOrWhiteSpace(message.FromDisplayName) ? message.FromUserId.Id : message.FromDisplayName.Trim();
        var name = $"管理员 {display}";
        if (name.Length > 90)
        {
            name = name[..90];
        }

        if (await db.Members.AnyAsync(m => m.Name == name, ct))
        {
            name = $"{name} ({message.FromUserId.Id})";
        }

        var admin = new Member
        {
            Name = name,
            Roles = MemberRoles.Admin | MemberRoles.Supervisor,
            Contacts = { new MemberContact { UserId = message.FromUserId, PrivateChat = message.IsPrivateChat ? message.ChatId : null, LinkedAtUtc = clock.UtcNow } },
            ChatId = message.IsPrivateChat ? message.ChatId : null,
            Language = message.FromLanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? Languages.English : Languages.Chinese,
            CreatedAtUtc = clock.UtcNow,
        };
        db.Members.Add(admin);
        return admin;
    }
}
