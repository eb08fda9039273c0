using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Cli;

/// <summary>What the two close-out verbs share.</summary>
internal static class TasksCloseOut
{
    /// <summary>The task, with its history, when it awaits close-out.</summary>
    /// <exception cref="CliInputException">No such task, or it does not await close-out (saying what it is instead).</exception>
    public static async Task<PlanTask> AwaitingAsync(PlanBotDbContext db, CliInvocation input, string verb, PlanClock clock, CancellationToken ct)
    {
        var task = await CliLookup.TaskAsync(db, input, input.Positional(0), ct);
        await db.Entry(task).Collection(t => t.History).LoadAsync(ct);
        return task.CloseOutDecisionRefusal(memberId: null) switch
        {
            CloseOutRefusal.None => task,
            _ when task.Status == PlanTaskStatus.Done => throw new CliInputException(
                $"{verb}: {task.Code} is already done{(task.DoneAtUtc is { } at ? " (since " + Local(clock, at) + ")" : "")}; nothing to decide"),
            _ => throw new CliInputException(
                $"{verb}: {task.Code} is not awaiting close-out (it is {TextSet.English.StatusName(task.Status)} at {task.ProgressPercent}%); its owner asks with /done"),
        };
    }

    public static void WriteTold(CliInvocation input, IReadOnlyList<OutgoingMessage> told)
    {
        if (told.Count == 0)
        {
            input.Error.WriteLine("note: the owner cannot be reached through the bot; tell them yourself");
        }
        else
        {
            input.Out.WriteLine($"the owner is told when the bot next sends ({told.Count} message{(told.Count == 1 ? "" : "s")} queued)");
        }
    }

    public static string Local(PlanClock clock, DateTime utc) =>
        clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
