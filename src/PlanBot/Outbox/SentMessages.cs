using Microsoft.EntityFrameworkCore;
using PlanBot.Storage;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>What a bot message a person replied to was about: its task, the tasks it lists, the question it asked.</summary>
public sealed record RepliedMessage(int? TaskId, IReadOnlyList<int> ListedTaskIds, Guid? ReplyKey);

/// <summary>Looks up what the bot sent: how a reply is matched to what it answers.</summary>
public static class SentMessages
{
    /// <summary>What the bot's message <paramref name="messageId"/> in <paramref name="chatId"/> was about; null when the bot did not send it.</summary>
    public static Task<RepliedMessage?> FindAsync(PlanBotDbContext db, ChatAddress chatId, long messageId, CancellationToken ct = default) =>
        db.SentMessages
            .Where(m => m.ChatId == chatId && m.TelegramMessageId == messageId)
            .Select(m => new RepliedMessage(m.TaskId, m.ListedTaskIds, m.ReplyKey))
            .FirstOrDefaultAsync(ct);
}
