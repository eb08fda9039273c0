using PlanBot.Storage;

namespace PlanBot.Outbox;

public static class OutboxWriter
{
    /// <summary>
    /// Adds messages to the outbox of this DbContext; they are written by the caller's SaveChanges,
    /// in the same transaction as the change that caused them.
    /// </summary>
    public static void Enqueue(this PlanBotDbContext db, DateTime nowUtc, params IEnumerable<OutgoingMessage> messages)
    {
        foreach (var message in messages)
        {
            db.Outbox.Add(OutboxMessage.From(message, nowUtc));
        }
    }
}
