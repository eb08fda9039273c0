using Microsoft.EntityFrameworkCore;
using PlanBot.Texts;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat.Progress;

/// <summary>Messages to the supervisors, each in their own language; those the bot cannot reach are counted, not messaged.</summary>
public static class Supervisors
{
    public sealed record Notice(IReadOnlyList<OutgoingMessage> Messages, int Unreachable);

    public static async Task<Notice> NotifyAsync(
        PlanBotDbContext db,
        Member actor,
        Func<TextSet, string> text,
        CancellationToken ct,
        int? taskId = null,
        Func<TextSet, IReadOnlyList<IReadOnlyList<Button>>>? buttons = null)
    {
        var supervisors = (await db.Members.ToListAsync(ct))
            .Where(m => m.Has(MemberRoles.Supervisor) && m.Id != actor.Id)
            .OrderBy(m => m.Id)
            .ToList();
        var messages = new List<OutgoingMessage>();
        foreach (var supervisor in supervisors.Where(s => s.ChatId is not null && s.Reachable))
        {
            var t = TextSet.For(supervisor.Language);
            messages.Add(new OutgoingMessage(supervisor.ChatId!.Value, text(t))
            {
                RecipientMemberId = supervisor.Id,
                TaskId = taskId,
                Buttons = buttons?.Invoke(t) ?? [],
            });
        }

        return new Notice(messages, supervisors.Count - messages.Count);
    }

    /// <summary>"已通知 2 位督查人员" (and how many could not be reached), for the actor's confirmation.</summary>
    public static string Summary(this Notice notice, TextSet t) =>
        notice.Messages.Count == 0 && notice.Unreachable == 0
            ? t["notify.none"]
            : notice.Unreachable == 0
                ? t.Format("notify.sent", notice.Messages.Count)
                : t.Format("notify.partly", notice.Messages.Count, notice.Unreachable);
}
