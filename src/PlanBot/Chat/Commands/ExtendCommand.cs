using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/extend CODE YYYY-MM-DD reason: ask the supervisors for a later deadline.</summary>
public sealed class ExtendCommand(TaskActions actions) : IChatCommand
{
    public string Name => "extend";

    public MemberRoles AllowedRoles => MemberRoles.Owner | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var (task, rest, refusal) = await TaskArguments.ResolveAsync(r, Name, forUpdate: true, ct);
        return task is null ? refusal! : await actions.RequestExtensionAsync(r, task, rest, UpdateChannel.Command, ct);
    }
}
