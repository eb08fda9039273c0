using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/start from a member already on the roster: a greeting (strangers' /start &lt;code&gt; is handled by the router).</summary>
public sealed class StartCommand : IChatCommand
{
    public string Name => "start";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct) =>
        Task.FromResult(r.Answer(r.T.Format("start.known", r.Member.Name) + "\n" + r.T["join.next"]));
}
