using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/remind: run the reminder scan now and say how many reminders it queued, and for how many people.</summary>
public sealed class RemindCommand(IReminderTrigger reminders) : IChatCommand
{
    public string Name => "remind";

    public MemberRoles AllowedRoles => MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var run = await reminders.RunNowAsync(ct);
        return r.Answer(run.Reminders == 0 ? r.T["remind.nothing"] : r.T.Format("remind.done", run.Reminders, run.People));
    }
}
