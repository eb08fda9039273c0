using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/unsubscribe: this chat stops receiving digests and reports.</summary>
public sealed class UnsubscribeCommand : IChatCommand
{
    public string Name => "unsubscribe";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var subscription = await r.Db.ChatSubscriptions.FirstOrDefaultAsync(s => s.ChatId == r.Message.ChatId, ct);
        if (subscription is null)
        {
            return r.Answer(r.T["unsubscribe.notSubscribed"]);
        }

        r.Db.ChatSubscriptions.Remove(subscription);
        return r.Answer(r.T["unsubscribe.done"]);
    }
}
