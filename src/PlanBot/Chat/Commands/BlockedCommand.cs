using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/blocked CODE reason: the task is blocked; its light turns yellow and the supervisors are told.</summary>
public sealed class BlockedCommand(TaskActions actions) : IChatCommand
{
    public string Name => "blocked";

    public MemberRoles AllowedRoles => MemberRoles.Owner | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var (task, reason, refusal) = await TaskArguments.ResolveAsync(r, Name, forUpdate: true, ct);
        return task is null ? refusal! : await actions.BlockAsync(r, task, reason, UpdateChannel.Command, ct);
    }
}
