using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanBot.Chat.Cards;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

/// <summary>
/// Text without a command in a member's private chat, matched to what it answers: text that starts with a task's code
/// is for that task, whatever it replies to; a reply to a ⚠️/⏰/退回 question answers that question; a reply to a message
/// about a task updates that task; a reply to a message about several tasks gets them back with their buttons; a plain
/// message answers the chat's open question; anything else gets a short hint.
/// </summary>
public sealed class PlainTextHandler(
    TaskActions actions, CloseOutDecisions closeOuts, Supervision.NoticeActions notices, TaskCards cards, ITaskButtons buttons, PlanClock clock)
{
    /// <summary>Typed text this short is echoed, code in front, as the example of how to name the task.</summary>
    private const int EchoLimit = 20;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var text = r.Message.Text?.Trim() ?? "";
        var replied = r.Message.ReplyToMessageId is { } replyTo
            ? await SentMessages.FindAsync(r.Db, r.Message.ChatId, replyTo, ct)
            : null;
        var prompt = replied switch
        {
            { ReplyKey: { } key } => await r.Db.Prompts.FirstOrDefaultAsync(p => p.Key == key && p.MemberId == r.Member.Id, ct) is { TakesReplies: true } asked
                ? asked
                : null,
            // A reply to a message about nothing (help, a greeting) is as good as a plain message.
            null or { TaskId: null, ListedTaskIds.Count: 0 } => await OpenPromptAsync(r, ct),
            _ => null,
        };

        if (ProgressText.LeadingCode(text) is var (code, rest))
        {
            return await NamedTaskAsync(r, code, rest, prompt, ct);
        }

        if (prompt is not null)
        {
            return await AnswerPromptAsync(r, prompt, text, ct);
        }

        if (replied?.TaskId is { } taskId)
        {
            return await r.Db.FindByIdAsync(taskId, ct) is { } task
                ? await UpdateAsync(r, task, text, ct)
                : r.Answer(r.T["hint.plainText"]);
        }

        return replied is { ListedTaskIds.Count: > 0 }
            ? await ListTasksAsync(r, replied.ListedTaskIds, text, ct)
            : r.Answer(r.T["hint.plainText"]);
    }

    /// <summary>"K-01 60 已完成招标": the answer to the question about K-01 when that is what it answers, else an update of K-01.</summary>
    private async Task<ChatResponse> NamedTaskAsync(ChatRequest r, string code, string rest, Prompt? prompt, CancellationToken ct)
    {
        var task = await r.Db.FindByCodeAsync(code, ct);
        if (task is null)
        {
            return r.Answer(r.T.Format("error.unknownTask", code));
        }

        return prompt is not null && prompt.TaskId == task.Id
            ? await AnswerPromptAsync(r, prompt, rest, ct)
            : await UpdateAsync(r, task, rest, ct);
    }

    /// <summary>Progress, done or a note, read as /progress reads its arguments after the code (<see cref="ProgressText.ParseReply"/>).</summary>
    private async Task<ChatResponse> UpdateAsync(ChatRequest r, PlanTask task, string text, CancellationToken ct)
    {
        if (!r.Member.MayUpdate(task))
        {
            return r.Answer(r.T.Format("error.notYourTask", task.Code));
        }

        var parsed = ProgressText.ParseReply(text, task);
        return parsed.Input is { } input
            ? await actions.RecordAsync(r, task, input, UpdateChannel.Reply, ct, parsed.TypedPercent)
            : r.Answer(r.T.Format(parsed.ErrorKey!, parsed.ErrorArgs) + "\n" + r.T["hint.replyForms"]);
    }

    private async Task<ChatResponse> AnswerPromptAsync(ChatRequest r, Prompt prompt, string text, CancellationToken ct)
    {
        if (prompt.Intent == PromptIntent.NoticeReply)
        {
            return await notices.AnswerAsync(r, prompt, text, ct);
        }

        var task = await r.Db.FindByIdAsync(prompt.TaskId, ct);
        if (task is null)
        {
            prompt.Close(clock.UtcNow);
            return r.Answer(r.T["hint.plainText"]);
        }

        if (prompt.Intent == PromptIntent.ReturnCloseOut)
        {
            // A supervisor's reason for sending a request to close back; the rules of who may are the decision's own.
            var returned = await closeOuts.ReturnAsync(r, prompt, task, text, ct);
            if (r.Db.ChangeTracker.Entries<ProgressUpdate>().Any(e => e.State == EntityState.Added && e.Entity.TaskId == task.Id))
            {
                prompt.Answered(clock.UtcNow);
            }

            return returned;
        }

        if (!r.Member.MayUpdate(task))
        {
            prompt.Close(clock.UtcNow);
            return r.Answer(r.T.Format("error.notYourTask", task.Code));
        }

        var response = prompt.Intent == PromptIntent.Blocked
            ? await actions.BlockAsync(r, task, text, UpdateChannel.Reply, ct)
            : await actions.RequestExtensionAsync(r, task, text, UpdateChannel.Reply, ct);
        // A wrong date keeps the question open so the owner can simply try again; anything recorded answers it.
        if (r.Db.ChangeTracker.Entries<ProgressUpdate>().Any(e => e.State == EntityState.Added && e.Entity.TaskId == task.Id))
        {
            prompt.Answered(clock.UtcNow);
        }

        return response;
    }

    /// <summary>
    /// A reply without a code to a message about several tasks (a reminder, /my): nothing changes; the member gets those
    /// of its tasks they may update, with their buttons, and how to name one.
    /// </summary>
    private async Task<ChatResponse> ListTasksAsync(ChatRequest r, IReadOnlyList<int> listed, string text, CancellationToken ct)
    {
        var ids = listed.ToArray();
        var tasks = (await r.Db.WithDetails().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Code).ToListAsync(ct))
            .Where(r.Member.MayUpdate)
            .ToList();
        if (tasks.Count == 0)
        {
            return r.Answer(r.T["hint.plainText"]);
        }

        var t = r.T;
        var example = tasks[0].Code + " " + (text.Length <= EchoLimit ? text : t["reply.exampleUpdate"]);
        var answer = new StringBuilder(t.Format("reply.whichTask", example));
        foreach (var task in tasks)
        {
            answer.Append('\n').Append(cards.Line(task, t));
        }

        return new ChatResponse([r.Reply(answer.ToString(), buttons: [.. tasks.Select(task => buttons.CompactRow(task, t.Language))]) with
        {
            ListedTaskIds = [.. tasks.Select(task => task.Id)],
        }]);
    }

    /// <summary>The chat's newest question that a plain message may still answer.</summary>
    private async Task<Prompt?> OpenPromptAsync(ChatRequest r, CancellationToken ct)
    {
        var now = clock.UtcNow;
        return await r.Db.Prompts
            .Where(p => p.ChatId == r.Message.ChatId && p.MemberId == r.Member.Id && p.OpenUntilUtc > now)
            .OrderByDescending(p => p.Id)
            .FirstOrDefaultAsync(ct);
    }
}
