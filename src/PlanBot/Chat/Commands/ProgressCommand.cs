using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/progress CODE N[%] [note]: read as a reply is (<see cref="ProgressText"/>), but a number is required.</summary>
public sealed class ProgressCommand(TaskActions actions) : IChatCommand
{
    public string Name => "progress";

    public MemberRoles AllowedRoles => MemberRoles.Owner | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var (task, rest, refusal) = await TaskArguments.ResolveAsync(r, Name, forUpdate: true, ct);
        if (task is null)
        {
            return refusal!;
        }

        var parsed = ProgressText.ParseCommand(rest, task);
        if (parsed.Input is not { } input || input.Kind is ProgressKind.Note or ProgressKind.Done)
        {
            var problem = parsed.ErrorKey is null ? r.T["error.progressNumber"] : r.T.Format(parsed.ErrorKey, parsed.ErrorArgs);
            return r.Usage(problem, Name);
        }

        return await actions.RecordAsync(r, task, input, UpdateChannel.Command, ct, parsed.TypedPercent);
    }
}
