using Microsoft.EntityFrameworkCore;
using PlanBot.Storage;

namespace PlanBot.Outbox;

/// <summary>Looks up what the bot sent: how a reply is matched to a task.</summary>
public static class SentMessages
{
    /// <summary>The task the bot's message <paramref name="messageId"/> in <paramref name="chatId"/> was about, or null.</summary>
    public static Task<int?> FindTaskIdAsync(PlanBotDbContext db, long chatId, long messageId, CancellationToken ct = default) =>
        db.SentMessages
            .Where(m => m.ChatId == chatId && m.TelegramMessageId == messageId)
            .Select(m => m.TaskId)
            .FirstOrDefaultAsync(ct);
}
