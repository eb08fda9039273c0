using PlanBot.Plans;

namespace PlanBot.Scheduling;

/// <summary>What the planner needs to know about one day: the plan's open tasks, the roster, and what was sent before.</summary>
/// <param name="Today">The plan-zone day being planned.</param>
/// <param name="LastScan">The day of the last completed scan, if any (reminders owed since then are caught up).</param>
/// <param name="Tasks">The tasks, with milestones and co-owners loaded, in the order their lines should appear.</param>
/// <param name="Members">Everyone on the roster, by id.</param>
/// <param name="Earlier">Reminders already sent since <see cref="ReminderPlanner.EarliestRelevant"/>, today's included.</param>
public sealed record ReminderPlanInput(
    DateOnly Today,
    DateOnly? LastScan,
    IReadOnlyList<PlanTask> Tasks,
    IReadOnlyDictionary<int, Member> Members,
    IReadOnlyList<SentReminder> Earlier);

/// <summary>One task line someone hears about today.</summary>
/// <param name="Days">
/// Days before the deadline or milestone (0 = today), working days late (overdue or behind a milestone), days without an
/// update (check-in), or for an escalation the working-days level reached (3, 7 …).
/// </param>
/// <param name="Milestone">The milestone a <see cref="ReminderKind.MilestoneSoon"/> line is about.</param>
public sealed record PlannedReminder(PlanTask Task, LightResult Light, ReminderKind Kind, int Days, Milestone? Milestone = null);

/// <summary>Everything one person hears today, as one message (split only when very long).</summary>
public sealed record MemberReminders(Member Member, IReadOnlyList<PlannedReminder> Lines);

/// <summary>Who hears what today: owners their reminders, supervisors their escalations, each person once.</summary>
public sealed record ReminderPlan(IReadOnlyList<MemberReminders> Owners, IReadOnlyList<MemberReminders> Supervisors)
{
    public int Reminders => Owners.Sum(o => o.Lines.Count);

    public int Escalations => Supervisors.Sum(s => s.Lines.Count);
}

/// <summary>
/// The reminder rules, and nothing else: given the plan's state on a day and what was sent before, who gets which
/// reminder or escalation at which level. Pure (no database, clock, texts or services), so every rule is unit tested.
/// </summary>
/// <remarks>
/// Owners hear about each task at most once a day, the most urgent thing first: overdue (every working day, or once per
/// overdue spell), the deadline or an unreached milestone the configured days before it, or a check-in after
/// <see cref="ReminderOptions.StaleDays"/> quiet days. Owners on leave, unreachable or without a chat hear nothing.
/// Supervisors hear about an overdue task when it reaches each escalation level, counted in working days, once per level
/// per overdue spell.
/// </remarks>
public sealed class ReminderPlanner(ReminderOptions options, LightThresholds light, WorkingDayCalendar calendar, TimeZoneInfo zone)
{
    /// <summary>How far back earlier reminders matter: escalation levels and check-ins are "once per spell", and a plan spans a year.</summary>
    private const int LookBackDays = 400;

    /// <summary>The first day whose sent reminders the planner needs in <see cref="ReminderPlanInput.Earlier"/>.</summary>
    public DateOnly EarliestRelevant(DateOnly today) => today.AddDays(-Math.Max(options.StaleDays, LookBackDays));

    public ReminderPlan Plan(ReminderPlanInput input)
    {
        var today = input.Today;
        var windowStart = WindowStart(today, input.LastScan);
        var sentKeys = input.Earlier.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var ownerLines = new Dictionary<int, List<PlannedReminder>>();
        var supervisorLines = new Dictionary<int, List<PlannedReminder>>();
        var supervisors = input.Members.Values
            .Where(m => m.Has(MemberRoles.Supervisor) && m.ChatId is not null && m.Reachable)
            .OrderBy(m => m.Id)
            .ToList();

        // A task awaiting close-out (待销号) is the supervisors' to decide: its owners have nothing to do, and it is not late.
        foreach (var task in input.Tasks.Where(t => t.Status is not (PlanTaskStatus.Done or PlanTaskStatus.CloseRequested)))
        {
            var taskLight = StatusLight.Compute(task.ToLightInput(zone), today, light, calendar);
            if (OwnerReminder(task, taskLight, today, windowStart, input.Earlier) is { } reminder)
            {
                foreach (var memberId in Owners(task))
                {
                    if (input.Members.TryGetValue(memberId, out var member) && CanRemind(member, today)
                        && !sentKeys.Contains(SentReminder.OwnerKey(today, memberId, task.Id)))
                    {
                        Add(ownerLines, memberId, reminder);
                    }
                }
            }

            if (EscalationLevel(taskLight) is { } level)
            {
                var since = taskLight.LateSince!.Value;
                foreach (var supervisor in supervisors)
                {
                    if (!sentKeys.Contains(SentReminder.EscalationKey(today, supervisor.Id, task.Id))
                        && !input.Earlier.Any(r => r.Kind == ReminderKind.Escalation && r.TaskId == task.Id && r.MemberId == supervisor.Id
                                                   && r.Days >= level && r.Date > since))
                    {
                        Add(supervisorLines, supervisor.Id, new PlannedReminder(task, taskLight, ReminderKind.Escalation, level));
                    }
                }
            }
        }

        return new ReminderPlan(
            [.. ownerLines.Select(p => new MemberReminders(input.Members[p.Key], p.Value))],
            [.. supervisorLines.Select(p => new MemberReminders(input.Members[p.Key], p.Value))]);
    }

    /// <summary>
    /// The first day whose before-deadline reminders today's scan still owes: the day after the previous scan day,
    /// so a 7-days-before date that falls on a weekend or holiday, or while the bot was down, is reminded on the next scan.
    /// </summary>
    private DateOnly WindowStart(DateOnly today, DateOnly? lastScan)
    {
        var start = today;
        if (options.WorkingDaysOnly)
        {
            var previous = today.AddDays(-1);
            for (var i = 0; i < 30 && !calendar.IsWorkingDay(previous); i++)
            {
                previous = previous.AddDays(-1);
            }

            start = previous.AddDays(1);
        }

        if (lastScan is { } last && last.AddDays(1) < start)
        {
            start = last.AddDays(1) < today.AddDays(-30) ? today.AddDays(-30) : last.AddDays(1);
        }

        return start;
    }

    private bool DueOn(DateOnly date, DateOnly today, DateOnly windowStart, out int daysLeft)
    {
        daysLeft = date.DayNumber - today.DayNumber;
        if (daysLeft < 0)
        {
            return false;
        }

        foreach (var offset in options.DaysBefore)
        {
            var remindOn = date.AddDays(-offset);
            if (remindOn >= windowStart && remindOn <= today)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one reminder an owner gets about this task today, most urgent first: overdue, deadline, milestone, check-in.</summary>
    private PlannedReminder? OwnerReminder(
        PlanTask task, LightResult taskLight, DateOnly today, DateOnly windowStart, IReadOnlyList<SentReminder> earlier)
    {
        if (taskLight.IsLate)
        {
            var since = taskLight.LateSince!.Value;
            var toldBefore = earlier.Any(r => r.TaskId == task.Id && r.Kind == ReminderKind.Overdue && r.Date > since);
            return options.OverdueEveryWorkingDay || !toldBefore
                ? new PlannedReminder(task, taskLight, ReminderKind.Overdue, taskLight.WorkingDaysLate)
                : null;
        }

        if (DueOn(task.Deadline, today, windowStart, out var daysLeft))
        {
            return new PlannedReminder(task, taskLight, ReminderKind.DeadlineSoon, daysLeft);
        }

        var milestone = task.Milestones
            .Where(m => m.ExpectedPercent > task.ProgressPercent && DueOn(m.Date, today, windowStart, out _))
            .OrderBy(m => m.Date)
            .FirstOrDefault();
        if (milestone is not null)
        {
            return new PlannedReminder(task, taskLight, ReminderKind.MilestoneSoon, milestone.Date.DayNumber - today.DayNumber, milestone);
        }

        var quietSince = task.ToLightInput(zone).LastUpdate ?? task.StartDate;
        var quietDays = today.DayNumber - quietSince.DayNumber;
        var askedRecently = earlier.Any(r => r.TaskId == task.Id && r.Kind == ReminderKind.CheckIn
                                             && r.Date > today.AddDays(-options.StaleDays) && r.Date > quietSince);
        return today >= task.StartDate && quietDays >= options.StaleDays && !askedRecently
            ? new PlannedReminder(task, taskLight, ReminderKind.CheckIn, quietDays)
            : null;
    }

    /// <summary>
    /// The escalation level reached today by a task red for a date (逾期 or 节点滞后), counted in working days late like every
    /// lateness (so a level never falls on a day nobody reads it), or null when no level is reached.
    /// </summary>
    private int? EscalationLevel(LightResult taskLight)
    {
        if (!taskLight.IsLate || options.EscalateAfterDaysOverdue.Count == 0)
        {
            return null;
        }

        var reached = options.EscalateAfterDaysOverdue.Where(n => n <= taskLight.WorkingDaysLate).DefaultIfEmpty(0).Max();
        return reached == 0 ? null : reached;
    }

    private static IEnumerable<int> Owners(PlanTask task) =>
        (task.OwnerId is { } owner ? new[] { owner } : []).Concat(task.CoOwners.Select(c => c.MemberId)).Distinct();

    private static bool CanRemind(Member member, DateOnly today) =>
        member.ChatId is not null && member.Reachable && !(member.PausedUntil >= today);

    private static void Add(Dictionary<int, List<PlannedReminder>> lines, int memberId, PlannedReminder line)
    {
        if (!lines.TryGetValue(memberId, out var list))
        {
            lines[memberId] = list = [];
        }

        list.Add(line);
    }
}
