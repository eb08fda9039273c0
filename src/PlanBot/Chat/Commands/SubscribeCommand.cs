using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/subscribe: this chat (e.g. the leaders' group) receives digests and reports.</summary>
public sealed class SubscribeCommand(PlanClock clock) : IChatCommand
{
    public string Name => "subscribe";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        if (await r.Db.ChatSubscriptions.AnyAsync(s => s.ChatId == r.Message.ChatId, ct))
        {
            return r.Answer(r.T["subscribe.already"]);
        }

        r.Db.ChatSubscriptions.Add(new ChatSubscription { ChatId = r.Message.ChatId, AddedByMemberId = r.Member.Id, AddedAtUtc = clock.UtcNow });
        return r.Answer(r.T["subscribe.done"]);
    }
}
