using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Import;

/// <summary>
/// Makes a stored task match its <see cref="TaskDraft"/>. Only the plan's own fields change: progress, status and
/// history already recorded are never touched. Owner and deadline changes go through the task's own methods, which
/// add their history rows (channel Import).
/// </summary>
public static class TaskSync
{
    public static PlanTask Create(TaskDraft draft, DateTime nowUtc)
    {
        var task = new PlanTask { Code = draft.Code, Title = draft.Title, CreatedAtUtc = nowUtc };
        SetFields(task, draft);
        task.Owner = draft.Owner;
        task.Deadline = draft.Deadline;
        task.CoOwners.AddRange(draft.CoOwners.Select(m => new TaskCoOwner { Member = m }));
        task.Milestones.AddRange(draft.Milestones.Select(m => new Milestone { Date = m.Date, Title = m.Title, ExpectedPercent = m.ExpectedPercent }));
        return task;
    }

    /// <summary>Returns true when anything changed.</summary>
    /// <remarks>Needs the task's Owner, CoOwners (with Member) and Milestones loaded.</remarks>
    public static bool Update(PlanBotDbContext db, PlanTask task, TaskDraft draft, DateTime nowUtc)
    {
        var changed = SetFields(task, draft);
        var scheduleChanged = SyncOwners(task, draft, nowUtc);
        if (draft.Sets(PlanColumns.Milestones))
        {
            scheduleChanged |= SyncMilestones(db, task, draft);
        }

        if (task.MoveDeadline(draft.Deadline, memberId: null, UpdateChannel.Import, nowUtc) is not null)
        {
            scheduleChanged = true;
        }

        // Without a defaults column, a file that changes the schedule confirms it.
        var isDefault = draft.Sets(PlanColumns.Defaults) ? draft.IsDefaultSchedule : task.IsDefaultSchedule && !scheduleChanged;
        if (task.IsDefaultSchedule != isDefault)
        {
            task.IsDefaultSchedule = isDefault;
            changed = true;
        }

        return changed || scheduleChanged;
    }

    private static bool SetFields(PlanTask task, TaskDraft d)
    {
        var changed = false;
        void Set<T>(T current, T wanted, Action<T> set)
        {
            if (!EqualityComparer<T>.Default.Equals(current, wanted))
            {
                set(wanted);
                changed = true;
            }
        }

        // A new task takes every field; a stored one keeps those whose column the file left out.
        var isNew = task.Id == 0;
        bool Sets(string column) => isNew || d.Sets(column);

        Set(task.List, d.List, v => task.List = v);
        Set(task.Title, d.Title, v => task.Title = v);
        if (Sets(PlanColumns.Section))
        {
            Set(task.Section, d.Section, v => task.Section = v);
        }

        if (Sets(PlanColumns.Item))
        {
            Set(task.Item, d.Item, v => task.Item = v);
        }

        if (Sets(PlanColumns.Detail))
        {
            Set(task.Detail, d.Detail, v => task.Detail = v);
        }

        if (Sets(PlanColumns.LeadUnit))
        {
            Set(task.LeadUnit, d.LeadUnit, v => task.LeadUnit = v);
        }

        if (Sets(PlanColumns.StartDate))
        {
            Set(task.StartDate, d.StartDate, v => task.StartDate = v);
        }

        if (Sets(PlanColumns.TargetValue))
        {
            Set(task.TargetValue, d.TargetValue, v => task.TargetValue = v);
            Set(task.TargetUnit, d.TargetUnit, v => task.TargetUnit = v);
            Set(task.TargetLabel, d.TargetLabel, v => task.TargetLabel = v);
        }

        if (task.Id == 0)
        {
            task.IsDefaultSchedule = d.IsDefaultSchedule;
        }

        return changed;
    }

    /// <summary>Without a co_owners column the co-owners stay, except one who has just become the owner.</summary>
    private static bool SyncOwners(PlanTask task, TaskDraft draft, DateTime nowUtc) =>
        task.Assign(draft.Owner, draft.Sets(PlanColumns.CoOwners) ? draft.CoOwners : null, memberId: null, UpdateChannel.Import, nowUtc) is not null;

    /// <summary>Milestones are matched by date and edited in place, so whatever refers to a milestone row keeps it.</summary>
    private static bool SyncMilestones(PlanBotDbContext db, PlanTask task, TaskDraft draft)
    {
        var changed = false;
        foreach (var stale in task.Milestones.Where(m => draft.Milestones.All(d => d.Date != m.Date)).ToList())
        {
            db.Milestones.Remove(stale);
            task.Milestones.Remove(stale);
            changed = true;
        }

        foreach (var wanted in draft.Milestones)
        {
            var existing = task.Milestones.FirstOrDefault(m => m.Date == wanted.Date);
            if (existing is null)
            {
                task.Milestones.Add(new Milestone { Date = wanted.Date, Title = wanted.Title, ExpectedPercent = wanted.ExpectedPercent });
                changed = true;
            }
            else if (existing.Title != wanted.Title || existing.ExpectedPercent != wanted.ExpectedPercent)
            {
                existing.Title = wanted.Title;
                existing.ExpectedPercent = wanted.ExpectedPercent;
                changed = true;
            }
        }

        return changed;
    }

}
