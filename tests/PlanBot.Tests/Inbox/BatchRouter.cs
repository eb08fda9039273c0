using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Storage;

namespace PlanBot.Tests.Inbox;

/// <summary>
/// A router that writes what the inbox processor must keep atomic and in order: every text it applies is appended to
/// the <see cref="LogKey"/> state row (read and rewritten, so each update sees what the ones before it wrote).
/// "/bad" appends, then adds a row whose key is taken, so its save fails after its claim and its append ran;
/// "/fail" throws before writing; "/own" also saves a row in a scope of its own, as /remind's scan does.
/// </summary>
public sealed class BatchRouter(IServiceScopeFactory scopes) : IChatRouter
{
    public const string LogKey = "test.log";
    public const string TakenKey = "test.taken";

    public async Task<ChatResponse> RouteAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        var text = message.Text ?? "";
        if (text == "/fail")
        {
            throw new InvalidOperationException("The router failed on purpose.");
        }

        var log = await db.BotState.SingleOrDefaultAsync(s => s.Key == LogKey, ct);
        if (log is null)
        {
            db.BotState.Add(new BotStateEntry { Key = LogKey, Value = text });
        }
        else
        {
            log.Value += "," + text;
        }

        if (text == "/bad")
        {
            db.BotState.Add(new BotStateEntry { Key = TakenKey, Value = "again" });
        }

        if (text == "/own")
        {
            await using var scope = scopes.CreateAsyncScope();
            var own = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            own.BotState.Add(new BotStateEntry { Key = $"test.own.{message.UpdateId}", Value = "saved on its own" });
            await own.SaveChangesAsync(ct);
        }

        return ChatResponse.None;
    }

    /// <summary>What was applied, in order.</summary>
    public static async Task<string[]> AppliedAsync(PlanBotDbContext db) =>
        (await db.BotState.SingleOrDefaultAsync(s => s.Key == LogKey))?.Value.Split(',') ?? [];
}
