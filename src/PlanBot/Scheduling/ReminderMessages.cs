using System.Text;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Supervision;
using PlanBot.Texts;

namespace PlanBot.Scheduling;

/// <summary>
/// Words a <see cref="ReminderPlan"/>: one message per person in their language (split only past
/// <see cref="MaxLinesPerMessage"/> lines), with buttons for owners. Decides nothing about who hears what.
/// </summary>
public sealed class ReminderMessages(ITaskButtons buttons)
{
    /// <summary>
    /// Task lines per message. A day's reminders are one message per person; only past this many (e.g. a supervisor on
    /// the day twenty year-end tasks reach three working days overdue) are they split, to stay within Telegram's 4096 characters.
    /// </summary>
    public const int MaxLinesPerMessage = 20;

    /// <summary>
    /// An owner's reminders; a single task's message answers to replies and carries that task's buttons, a message about
    /// several lists them, so a reply that names none is answered with them.
    /// </summary>
    public IEnumerable<OutgoingMessage> ForOwner(MemberReminders owner, DateOnly today) =>
        owner.Lines.Chunk(MaxLinesPerMessage).Select(chunk => OwnerMessage(owner.Member, chunk, today));

    /// <summary>
    /// A supervisor's escalations, longest late first, and the notices not signed for and replied to in time
    /// (<paramref name="lapsed"/>) at the end of the first message; <paramref name="members"/> names the owners.
    /// </summary>
    public static IEnumerable<OutgoingMessage> ForSupervisor(
        MemberReminders supervisor, IReadOnlyDictionary<int, Member> members, DateOnly today, IReadOnlyList<Notice>? lapsed = null)
    {
        lapsed ??= [];
        var chunks = supervisor.Lines
            .OrderByDescending(l => l.Light.WorkingDaysLate)
            .ThenBy(l => l.Task.Code, StringComparer.Ordinal)
            .Chunk(MaxLinesPerMessage)
            .DefaultIfEmpty([])
            .ToList();
        return chunks.Select((chunk, i) => EscalationMessage(supervisor.Member, chunk, supervisor.Lines.Count, members, today, i == 0 ? lapsed : []));
    }

    private OutgoingMessage OwnerMessage(Member member, PlannedReminder[] lines, DateOnly today)
    {
        var t = TextSet.For(member.Language);
        var text = new StringBuilder();
        text.Append(t.Format("reminder.header", t.ShortDate(today))).Append('\n');
        foreach (var line in lines)
        {
            text.Append('\n').Append(TaskLine(line, t)).Append('\n');
            text.Append("   ").Append(WhatIsDue(line, t, today)).Append('\n');
        }

        text.Append('\n').Append(lines.Length == 1 ? t["reminder.footerOne"] : t.Format("reminder.footerMany", lines[0].Task.Code));
        return lines.Length == 1
            ? new OutgoingMessage(member.ChatId!.Value, text.ToString())
            {
                RecipientMemberId = member.Id,
                TaskId = lines[0].Task.Id,
                Buttons = buttons.ForTask(lines[0].Task, t.Language),
            }
            : new OutgoingMessage(member.ChatId!.Value, text.ToString())
            {
                RecipientMemberId = member.Id,
                Buttons = lines.Select(l => buttons.CompactRow(l.Task, t.Language)).ToList(),
                ListedTaskIds = [.. lines.Select(l => l.Task.Id)],
            };
    }

    private static OutgoingMessage EscalationMessage(
        Member supervisor, PlannedReminder[] lines, int total, IReadOnlyDictionary<int, Member> members, DateOnly today, IReadOnlyList<Notice> lapsed)
    {
        var t = TextSet.For(supervisor.Language);
        var text = new StringBuilder();
        text.Append(lines.Length > 0
            ? t.Format("escalation.header", total, t.ShortDate(today))
            : t.Format("escalation.noticesHeader", lapsed.Count, t.ShortDate(today))).Append('\n');
        foreach (var line in lines)
        {
            text.Append('\n').Append(TaskLine(line, t)).Append('\n');
            var owner = line.Task.OwnerId is { } id && members.TryGetValue(id, out var m) ? m : null;
            text.Append("   ").Append(t.Format(
                "escalation.detail",
                new RawHtml(t.LightText(line.Light, today.Year)), line.Task.ProgressPercent, new RawHtml(OwnerText(owner, t, today))))
                .Append('\n');
        }

        if (lapsed.Count > 0)
        {
            text.Append('\n').Append(t.Format("escalation.notices", lapsed.Count)).Append('\n');
            foreach (var notice in lapsed)
            {
                text.Append(t.Format(
                    "escalation.notice",
                    notice.Title,
                    notice.Task!.Code,
                    notice.Task.Title,
                    new RawHtml(OwnerText(notice.Member, t, today)),
                    t[notice.IsSigned ? "notice.state.notReplied" : "notice.state.unsigned"],
                    t.ShortDate(notice.ReplyBy, today.Year))).Append('\n');
            }
        }

        text.Append('\n').Append(t["escalation.footer"]);
        return new OutgoingMessage(supervisor.ChatId!.Value, text.ToString()) { RecipientMemberId = supervisor.Id };
    }

    /// <summary>The owner as a supervisor sees them: the name, and the leave they are on (HTML).</summary>
    private static string OwnerText(Member? owner, TextSet t, DateOnly today)
    {
        if (owner is null)
        {
            return t["names.noOwner"];
        }

        var name = Html.Escape(owner.Name);
        return owner.PausedUntil is { } until && until >= today
            ? name + " " + t.Format("names.pausedUntil", t.ShortDate(until, today.Year))
            : name;
    }

    private static string TaskLine(PlannedReminder line, TextSet t) =>
        t.Format("line.taskShort", line.Light.Emoji, line.Task.Code, line.Task.Title);

    private static string WhatIsDue(PlannedReminder line, TextSet t, DateOnly today)
    {
        var deadline = t.ShortDate(line.Task.Deadline, today.Year);
        var progress = line.Task.ProgressPercent;
        return line.Kind switch
        {
            ReminderKind.Overdue => t.Format("reminder.late", new RawHtml(t.LightText(line.Light, today.Year)), progress),
            ReminderKind.DeadlineSoon when line.Days == 0 => t.Format("reminder.dueToday", deadline, progress),
            ReminderKind.DeadlineSoon => t.Format("reminder.dueInDays", line.Days, deadline, progress),
            ReminderKind.MilestoneSoon => t.Format(
                line.Days == 0 ? "reminder.milestoneToday" : "reminder.milestoneInDays",
                line.Milestone!.Title, line.Days, t.ShortDate(line.Milestone.Date, today.Year),
                line.Milestone.ExpectedPercent, progress, deadline),
            _ => t.Format("reminder.checkIn", line.Days, deadline, progress),
        };
    }
}
