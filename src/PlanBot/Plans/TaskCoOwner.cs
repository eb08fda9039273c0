namespace PlanBot.Plans;

/// <summary>A co-owner (协办责任人) of a task: may update it like the owner and gets its reminders.</summary>
public sealed class TaskCoOwner
{
    public int TaskId { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }
}
