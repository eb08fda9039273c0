using System.Globalization;
using PlanBot.Plans;

namespace PlanBot.Supervision;

/// <summary>Which paper form a notice is.</summary>
public enum NoticeKind
{
    /// <summary>提示单: the task turned yellow for being behind its 序时进度.</summary>
    Hint,

    /// <summary>督办单: the task turned red.</summary>
    Supervision,
}

/// <summary>
/// A numbered 提示单 or 督办单 sent to a task's owner when its light turns yellow for being behind, or red: what is
/// behind and by how much, and the working day by which the owner signs for it (签收) and replies (反馈) with progress and
/// measures. Not signed and replied to by then, it is escalated to the supervisors once. Numbered per kind in one series
/// per plan year: 提示〔2024〕第3号, 督办〔2024〕第12号.
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }

    public NoticeKind Kind { get; set; }

    /// <summary>The plan's year, the series the number belongs to.</summary>
    public int Year { get; set; }

    public int Number { get; set; }

    public int TaskId { get; set; }

    public PlanTask? Task { get; set; }

    /// <summary>The owner it is addressed to.</summary>
    public int MemberId { get; set; }

    public Member? Member { get; set; }

    /// <summary>The plan-zone day it was issued: the day the light turned.</summary>
    public DateOnly IssuedOn { get; set; }

    public DateTime IssuedAtUtc { get; set; }

    /// <summary>The last working day to sign for it and reply.</summary>
    public DateOnly ReplyBy { get; set; }

    /// <summary>Why it was issued: the light's reason on <see cref="IssuedOn"/>.</summary>
    public LightReason Reason { get; set; }

    /// <summary>The light's wording on the day (e.g. 落后序时进度 35 个百分点), in Chinese, as the form states it.</summary>
    public required string Situation { get; set; }

    public int ProgressPercent { get; set; }

    public int ScheduledPercent { get; set; }

    public DateTime? SignedAtUtc { get; set; }

    public int? SignedByMemberId { get; set; }

    public DateTime? RepliedAtUtc { get; set; }

    public int? RepliedByMemberId { get; set; }

    public string? Reply { get; set; }

    /// <summary>When the supervisors were told it was not signed for or replied to in time.</summary>
    public DateTime? EscalatedAtUtc { get; set; }

    /// <summary>When it stopped waiting for a reply without one: the task was finished, or a 督办单 took its place.</summary>
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Why it was closed, as the register says it (任务已完成 / 已由督办〔2024〕第3号取代).</summary>
    public string? ClosedNote { get; set; }

    public bool IsSigned => SignedAtUtc is not null;

    /// <summary>Its place in the series, known before it is saved, so the form's buttons can name it.</summary>
    public NoticeNumber Ref => new(Year, Kind, Number);

    public bool IsReplied => RepliedAtUtc is not null;

    /// <summary>Still waiting for the owner's reply: neither replied to nor closed.</summary>
    public bool IsOpen => RepliedAtUtc is null && ClosedAtUtc is null;

    /// <summary>Stops waiting for a reply, with the reason; a notice already answered or closed stays as it is.</summary>
    public void Close(string note, DateTime nowUtc)
    {
        if (IsOpen)
        {
            ClosedAtUtc = nowUtc;
            ClosedNote = note;
        }
    }

    /// <summary>The number as the form prints it: 督办〔2024〕第12号 / 提示〔2024〕第3号.</summary>
    public string Title => string.Create(CultureInfo.InvariantCulture, $"{(Kind == NoticeKind.Hint ? "提示" : "督办")}〔{Year}〕第{Number}号");

    /// <summary>The owner signs for it (签收); the first signature counts, a second changes nothing.</summary>
    public bool Sign(int memberId, DateTime nowUtc)
    {
        if (IsSigned)
        {
            return false;
        }

        SignedAtUtc = nowUtc;
        SignedByMemberId = memberId;
        return true;
    }

    /// <summary>The owner's reply (反馈): progress and measures. Replying signs for it too; a later reply replaces the earlier text.</summary>
    public void Answer(string reply, int memberId, DateTime nowUtc)
    {
        Sign(memberId, nowUtc);
        Reply = reply;
        RepliedAtUtc = nowUtc;
        RepliedByMemberId = memberId;
    }
}

/// <summary>A notice's place in its series: year, kind and number, as buttons carry it ("2024:s12").</summary>
public readonly record struct NoticeNumber(int Year, NoticeKind Kind, int Number)
{
    public string ToPayload() => string.Create(CultureInfo.InvariantCulture, $"{Year}:{(Kind == NoticeKind.Hint ? 'h' : 's')}{Number}");

    public static NoticeNumber? Parse(int year, string kindAndNumber) =>
        kindAndNumber.Length >= 2 && kindAndNumber[0] is 'h' or 's'
        && int.TryParse(kindAndNumber.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new NoticeNumber(year, kindAndNumber[0] == 'h' ? NoticeKind.Hint : NoticeKind.Supervision, number)
            : null;
}
