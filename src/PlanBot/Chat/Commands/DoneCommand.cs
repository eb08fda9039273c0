using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/done CODE [note]: mark the task done, or ask to close it where a supervisor reviews close-outs (PlanBot:CloseOut).</summary>
public sealed class DoneCommand(TaskActions actions) : IChatCommand
{
    public string Name => "done";

    public MemberRoles AllowedRoles => MemberRoles.Owner | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var (task, note, refusal) = await TaskArguments.ResolveAsync(r, Name, forUpdate: true, ct);
        if (task is null)
        {
            return refusal!;
        }

        if (ProgressText.CheckNote(note) is { } tooLong)
        {
            return r.Answer(r.T.Format(tooLong.ErrorKey!, tooLong.ErrorArgs));
        }

        if (task.Status == PlanTaskStatus.Done)
        {
            return r.Answer(r.T.Format("done.already", task.Code));
        }

        // Where close-outs are reviewed this asks a supervisor to close the task (申请销号).
        return await actions.RecordAsync(r, task, new ProgressInput(ProgressKind.Done, 100, Note: note.Length == 0 ? null : note), UpdateChannel.Command, ct);
    }
}
