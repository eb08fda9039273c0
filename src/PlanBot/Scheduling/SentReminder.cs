namespace PlanBot.Scheduling;

/// <summary>What a reminder was about.</summary>
public enum ReminderKind
{
    /// <summary>The task's deadline is a configured number of days away (0 = today).</summary>
    DeadlineSoon,

    /// <summary>A milestone the task has not reached is a configured number of days away.</summary>
    MilestoneSoon,

    /// <summary>The task is overdue (deadline passed or a milestone missed).</summary>
    Overdue,

    /// <summary>No update for the configured number of days: please check in.</summary>
    CheckIn,

    /// <summary>A supervisor is told that a task is a configured number of working days overdue.</summary>
    Escalation,

    /// <summary>A supervisor is told that a 提示单 or 督办单 was not signed for and replied to by its deadline (<see cref="SentReminder.Days"/>: none).</summary>
    NoticeLapsed,
}

/// <summary>
/// One reminder that was put in the outbox. <see cref="Key"/> is unique, and the row is written in the same
/// transaction as the outbox row, so no scan (scheduled, /remind, or after a restart) can send it twice.
/// </summary>
public sealed class SentReminder
{
    public long Id { get; set; }

    /// <summary>
    /// Owners: <c>{date}:{memberId}:{taskId}:owner</c> (one reminder per owner per task per day, whatever the kind);
    /// supervisors: <c>{date}:{memberId}:{taskId}:escalation</c>, and <c>notice:{noticeId}:{memberId}</c> for a lapsed notice.
    /// </summary>
    public required string Key { get; set; }

    /// <summary>The plan-zone day the reminder was for.</summary>
    public DateOnly Date { get; set; }

    public int MemberId { get; set; }

    public int TaskId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>Days before the deadline or milestone, days overdue, or for escalations the working-days level (3, 7 …).</summary>
    public int? Days { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public static string OwnerKey(DateOnly date, int memberId, int taskId) =>
        FormattableString.Invariant($"{date:yyyy-MM-dd}:{memberId}:{taskId}:owner");

    public static string EscalationKey(DateOnly date, int memberId, int taskId) =>
        FormattableString.Invariant($"{date:yyyy-MM-dd}:{memberId}:{taskId}:escalation");

    /// <summary>Once per notice and supervisor, whatever the day: a lapsed notice is escalated once.</summary>
    public static string NoticeKey(long noticeId, int memberId) =>
        FormattableString.Invariant($"notice:{noticeId}:{memberId}");
}
