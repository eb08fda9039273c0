using PlanBot.Clock;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/whoami: who the bot thinks you are and what you may do.</summary>
public sealed class WhoamiCommand(PlanClock clock) : IChatCommand
{
    public string Name => "whoami";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var t = r.T;
        var roles = string.Join(" / ", new[] { MemberRoles.Owner, MemberRoles.Supervisor, MemberRoles.Admin }
            .Where(role => r.Member.Has(role))
            .Select(role => t["role." + role]));
        var account = t["channel." + r.Message.FromUserId.Channel] + " " + r.Message.FromUserId.Id;
        var text = t.Format("whoami.text", r.Member.Name, r.Member.Unit, roles, t["lang.name"], account);
        if (r.Member.PausedUntil is { } until && until >= clock.Today)
        {
            text += "\n" + t.Format("pause.state", until);
        }

        return Task.FromResult(r.Answer(text));
    }
}
