using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Cards;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

/// <summary>
/// Text without a command in a member's private chat: the answer to a ⚠️/⏰ question, a reply to a bot message about
/// a task (an update to that task), or else a short hint.
/// </summary>
public sealed class PlainTextHandler(TaskActions actions, PlanClock clock)
{
    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var text = r.Message.Text?.Trim() ?? "";
        var repliedTask = await RepliedTaskIdAsync(r, ct);
        var prompt = await r.Db.PendingPrompts.FindAsync([r.Message.ChatId], ct);
        if (prompt is not null && (prompt.ExpiresAtUtc <= clock.UtcNow || prompt.MemberId != r.Member.Id))
        {
            r.Db.PendingPrompts.Remove(prompt);
            prompt = null;
        }

        // A reply to a message about another task is about that task; the open question keeps waiting.
        if (prompt is not null && (repliedTask is null || repliedTask == prompt.TaskId))
        {
            return await AnswerPromptAsync(r, prompt, text, ct);
        }

        if (repliedTask is not { } taskId)
        {
            return r.Answer(r.T["hint.plainText"]);
        }

        var task = await r.Db.FindByIdAsync(taskId, ct);
        if (task is null)
        {
            return r.Answer(r.T["hint.plainText"]);
        }

        if (!r.Member.MayUpdate(task))
        {
            return r.Answer(r.T.Format("error.notYourTask", task.Code));
        }

        var parsed = ProgressText.ParseReply(text, task);
        return parsed.Input is { } input
            ? await actions.RecordAsync(r, task, input, UpdateChannel.Reply, ct, parsed.TypedPercent)
            : r.Answer(r.T.Format(parsed.ErrorKey!, parsed.ErrorArgs) + "\n" + r.T["hint.replyForms"]);
    }

    private async Task<ChatResponse> AnswerPromptAsync(ChatRequest r, PendingPrompt prompt, string text, CancellationToken ct)
    {
        var task = await r.Db.FindByIdAsync(prompt.TaskId, ct);
        if (task is null || !r.Member.MayUpdate(task))
        {
            r.Db.PendingPrompts.Remove(prompt);
            return r.Answer(r.T["hint.plainText"]);
        }

        var response = prompt.Intent == PromptIntent.Blocked
            ? await actions.BlockAsync(r, task, text, UpdateChannel.Reply, ct)
            : await actions.RequestExtensionAsync(r, task, text, UpdateChannel.Reply, ct);
        // A wrong date keeps the question open so the owner can simply try again; anything recorded closes it.
        if (r.Db.ChangeTracker.Entries<ProgressUpdate>().Any(e => e.State == EntityState.Added && e.Entity.TaskId == task.Id))
        {
            r.Db.PendingPrompts.Remove(prompt);
        }

        return response;
    }

    /// <summary>The task of the bot message replied to, through <see cref="SentMessages"/>: any part of a split message counts.</summary>
    private static async Task<int?> RepliedTaskIdAsync(ChatRequest r, CancellationToken ct) =>
        r.Message.ReplyToMessageId is { } replyTo
            ? await SentMessages.FindTaskIdAsync(r.Db, r.Message.ChatId, replyTo, ct)
            : null;
}
