using PlanBot.Chat.Cards;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>The "CODE …" start shared by the task commands: finds the task and, for updates, checks the member may change it.</summary>
public static class TaskArguments
{
    public sealed record Resolved(PlanTask? Task, string Rest, ChatResponse? Refusal);

    public static async Task<Resolved> ResolveAsync(ChatRequest r, string command, bool forUpdate, CancellationToken ct)
    {
        var (code, rest) = CommandLine.SplitFirst(r.Arguments);
        if (code.Length == 0)
        {
            return new(null, "", r.Usage(r.T["error.codeMissing"], command));
        }

        var task = await r.Db.FindByCodeAsync(code, ct);
        if (task is null)
        {
            return new(null, "", r.Usage(r.T.Format("error.unknownTask", code), command));
        }

        if (forUpdate && !r.Member.MayUpdate(task))
        {
            return new(null, "", r.Answer(r.T.Format("error.notYourTask", task.Code)));
        }

        return new(task, rest, null);
    }
}
