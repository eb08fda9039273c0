using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Reports;

/// <summary>A chat that receives digests and reports: a supervisor's private chat (an admin's too) or a subscribed group.</summary>
public sealed record ReportRecipient(ChatAddress ChatId, int? MemberId, string Language, bool IsAdmin = false);

public static class ReportRecipients
{
    /// <summary>Every reachable supervisor with a chat, then every subscribed chat that is not already one of them.</summary>
    public static async Task<IReadOnlyList<ReportRecipient>> LoadAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.ChatId != null && m.Reachable).OrderBy(m => m.Id).ToListAsync(ct);
        var recipients = members
            .Where(m => m.Has(MemberRoles.Supervisor))
            .Select(m => new ReportRecipient(m.ChatId!.Value, m.Id, m.Language, m.Has(MemberRoles.Admin)))
            .ToList();
        var subscribed = await db.ChatSubscriptions.AsNoTracking().OrderBy(s => s.Id).Select(s => s.ChatId).ToListAsync(ct);
        foreach (var chatId in subscribed.Where(c => recipients.All(r => r.ChatId != c)))
        {
            recipients.Add(new ReportRecipient(chatId, null, Languages.Chinese));
        }

        return recipients;
    }
}
