using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Chat;

/// <summary>
/// Keeps subscriptions and pending messages in step with what Telegram did to a group: an upgrade to a supergroup
/// moves them to the new id, a removal of the bot drops them (a digest there would only fail), and every reachable
/// admin is told in their language when a subscribed group is concerned. Each call is harmless to repeat (Telegram
/// announces an upgrade twice, and a send may learn of it again).
/// </summary>
public sealed class GroupChats(PlanClock clock) : IChatChanges
{
    public async Task MovedAsync(PlanBotDbContext db, ChatAddress oldChatId, ChatAddress newChatId, string? title, CancellationToken ct)
    {
        if (oldChatId == newChatId)
        {
            return;
        }

        foreach (var row in await db.Outbox.Where(m => m.ChatId == oldChatId && m.State == OutboxState.Pending).ToListAsync(ct))
        {
            row.ChatId = newChatId;
            row.ClaimedUntilUtc = null;
        }

        var subscription = await db.ChatSubscriptions.FirstOrDefaultAsync(s => s.ChatId == oldChatId, ct);
        if (subscription is null)
        {
            return;
        }

        if (await db.ChatSubscriptions.AnyAsync(s => s.ChatId == newChatId, ct))
        {
            db.ChatSubscriptions.Remove(subscription);
        }
        else
        {
            subscription.ChatId = newChatId;
        }

        await TellAdminsAsync(db, (t, chat) => t.Format("notice.groupMoved", chat, Id(oldChatId), Id(newChatId)), title ?? Id(oldChatId), ct);
    }

    public async Task GoneAsync(PlanBotDbContext db, ChatAddress chatId, string? title, string reason, CancellationToken ct)
    {
        // Button answers are not posted in the chat, so they still go.
        var dropped = await db.Outbox
            .Where(m => m.ChatId == chatId && m.State == OutboxState.Pending && m.AnswerCallbackQueryId == null)
            .ToListAsync(ct);
        foreach (var row in dropped)
        {
            row.State = OutboxState.Failed;
            row.LastError = "The bot is no longer in this chat: " + reason;
            row.ClaimedUntilUtc = null;
        }

        var subscription = await db.ChatSubscriptions.FirstOrDefaultAsync(s => s.ChatId == chatId, ct);
        if (subscription is null)
        {
            return;
        }

        db.ChatSubscriptions.Remove(subscription);
        await TellAdminsAsync(db, (t, chat) => t.Format("notice.groupRemoved", chat, Id(chatId), dropped.Count), title ?? Id(chatId), ct);
    }

    public async Task RefusedAsync(PlanBotDbContext db, ChatAddress chatId, string refusal, CancellationToken ct)
    {
        if (await db.ChatSubscriptions.AnyAsync(s => s.ChatId == chatId, ct))
        {
            await TellAdminsAsync(db, (t, chat) => t.Format("notice.groupRefused", chat, refusal), Id(chatId), ct);
        }
    }

    private async Task TellAdminsAsync(PlanBotDbContext db, Func<TextSet, string, string> text, string chat, CancellationToken ct)
    {
        var admins = (await db.Members.Where(m => m.ChatId != null && m.Reachable).ToListAsync(ct)).Where(m => m.Has(MemberRoles.Admin));
        db.Enqueue(clock.UtcNow, admins.Select(admin => new OutgoingMessage(admin.ChatId!.Value, text(TextSet.For(admin.Language), chat))
        {
            RecipientMemberId = admin.Id,
        }));
    }

    private static string Id(ChatAddress chatId) => chatId.Id;
}
