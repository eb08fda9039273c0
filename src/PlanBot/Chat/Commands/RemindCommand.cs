using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/remind: run the reminder scan now and say how many reminders it queued.</summary>
public sealed class RemindCommand(IReminderTrigger reminders) : IChatCommand
{
    public string Name => "remind";

    public MemberRoles AllowedRoles => MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var count = await reminders.RunNowAsync(ct);
        return r.Answer(r.T.Format("remind.done", count));
    }
}
