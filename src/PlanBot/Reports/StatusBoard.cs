using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Chat.Cards;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// One live, pinned status message per subscribed Telegram group: the three lists' counts by light (counted as the
/// digest counts), sent and pinned once, then edited in place when a count changed, at most once per
/// <see cref="MinInterval"/>. DingTalk groups get none: a robot cannot edit or pin its messages there.
/// </summary>
public sealed class StatusBoard(PlanClock clock, TaskLights lights)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>Queues the sends and edits due now; returns how many. Idempotent: an unchanged count queues nothing.</summary>
    public async Task<int> RefreshAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var groups = await db.ChatSubscriptions.Select(s => s.ChatId).ToListAsync(ct);
        groups = groups.Where(g => g.Channel == Channel.Telegram).ToList();
        var kept = await db.Set<PinnedStatus>().Include(s => s.LastOutboxMessage).ToListAsync(ct);
        // A group that unsubscribed keeps its last message as it was; its row goes.
        db.RemoveRange(kept.Where(s => !groups.Contains(s.ChatId)));
        if (groups.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }

        var tasks = await db.CurrentTasksAsync(ct);
        var counts = ListLightCounts.Count(tasks.Select(t => (t.List, lights.Of(t, clock.Today, clock.Zone).Light)));
        var now = clock.UtcNow;
        var queued = 0;
        foreach (var group in groups)
        {
            var t = TextSet.Chinese;
            var body = Body(counts, t);
            var status = kept.SingleOrDefault(s => s.ChatId == group);
            if (status is not null && (status.Body == body || now - status.UpdatedAtUtc < MinInterval))
            {
                continue;
            }

            var last = status?.LastOutboxMessage;
            if (last is { State: OutboxState.Pending })
            {
                // The previous send or edit has not gone out yet: the next fire edits what it becomes.
                continue;
            }

            var text = body + "\n" + t.Format("board.updated", t.DayAndTime(clock.LocalNow));
            // Pin on every row: an edit of a message someone deleted is sent anew by the transport, and pinned then.
            var message = new OutgoingMessage(group, text) { EditMessageId = last?.TelegramMessageId, Pin = true };
            var row = OutboxMessage.From(message, now);
            db.Outbox.Add(row);
            if (status is null)
            {
                db.Add(new PinnedStatus { ChatId = group, Body = body, UpdatedAtUtc = now, LastOutboxMessage = row });
            }
            else
            {
                status.Body = body;
                status.UpdatedAtUtc = now;
                status.LastOutboxMessage = row;
            }

            queued++;
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    private static string Body(IReadOnlyList<ListLightCounts> counts, TextSet t)
    {
        var text = new StringBuilder(t["board.title"]);
        foreach (var list in counts)
        {
            text.Append('\n').Append(t.Format("board.line", t.ListName(list.List), list.Total, list.Red, list.AtRisk, list.OnTrack, list.Done));
        }

        return text.ToString();
    }
}
