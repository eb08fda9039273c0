namespace PlanBot.Plans;

/// <summary>What kind of entry a history row is.</summary>
public enum UpdateKind
{
    Progress,
    Done,
    Blocked,
    Note,
    Reopened,
    ExtensionRequested,
    ExtensionApproved,
    ExtensionRefused,
    DeadlineChanged,
    Assigned,

    /// <summary>申请销号: the owner reports the task finished and asks a supervisor to close it.</summary>
    CloseOutRequested,

    /// <summary>销号: a supervisor confirmed the task finished.</summary>
    ClosedOut,

    /// <summary>退回: a supervisor sent a close-out request back, with a reason.</summary>
    CloseOutReturned,

    /// <summary>A 提示单 or 督办单 was issued to the task's owner.</summary>
    NoticeIssued,

    /// <summary>签收: the owner signed for a notice.</summary>
    NoticeSigned,

    /// <summary>反馈: the owner replied to a notice with progress and measures.</summary>
    NoticeReplied,
}

/// <summary>Where an update came from.</summary>
public enum UpdateChannel
{
    Command,
    Button,
    Reply,
    Cli,
    Import,
    System,
}

/// <summary>
/// One row of a task's append-only history. Rows are only ever added; nothing here is updated or deleted,
/// so the history is the record of who said what, when and through which channel.
/// </summary>
public sealed class ProgressUpdate
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>Who made the update; null for the system (import, CLI without a member).</summary>
    public int? MemberId { get; set; }

    public Member? Member { get; set; }

    public DateTime AtUtc { get; set; }

    public UpdateKind Kind { get; set; }

    /// <summary>Progress percent after this update, when it set one.</summary>
    public int? Percent { get; set; }

    /// <summary>Value toward the target after this update, when it set one.</summary>
    public decimal? Value { get; set; }

    /// <summary>The deadline this entry asked for or set (extensions, deadline changes).</summary>
    public DateOnly? Deadline { get; set; }

    public string? Note { get; set; }

    public UpdateChannel Channel { get; set; }
}
