using System.Globalization;
using PlanBot.Plans;

namespace PlanBot.Import;

/// <summary>
/// Checks every task of a plan file and turns it into a <see cref="TaskDraft"/>. Reports every problem it finds
/// (it never stops at the first), each located by row and column.
/// </summary>
public static class PlanValidator
{
    public const int MaxTitleLength = 200;

    /// <param name="roster">Members by name: the roster plus any the same import adds.</param>
    /// <param name="storedLists">The list each stored task of the plan is on, by code: a task an admin moved keeps its code.</param>
    public static List<TaskDraft> Validate(
        IReadOnlyList<RawTask> tasks,
        int planYear,
        IReadOnlyDictionary<string, Member> roster,
        IReadOnlyDictionary<string, WorkList> storedLists,
        ImportErrors errors)
    {
        var drafts = new List<TaskDraft>();
        var firstSeen = new Dictionary<string, RecordRef>();
        foreach (var task in tasks)
        {
            if (task.Code is { } code && PlanTask.IsValidCode(code))
            {
                if (firstSeen.TryGetValue(code, out var first))
                {
                    errors.Add(task.Ref.At(PlanColumns.Code), $"duplicate code {code} (first at {first.Record})");
                    continue;
                }

                firstSeen[code] = task.Ref;
            }

            if (ValidateTask(task, planYear, roster, storedLists, errors) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        return drafts;
    }

    private static TaskDraft? ValidateTask(
        RawTask task,
        int planYear,
        IReadOnlyDictionary<string, Member> roster,
        IReadOnlyDictionary<string, WorkList> storedLists,
        ImportErrors errors)
    {
        var at = task.Ref;
        var ok = true;
        void Fail(string column, string reason)
        {
            errors.Add(at.At(column), reason);
            ok = false;
        }

        var hasList = WorkLists.TryParse(task.List, out var list);
        if (task.List is null)
        {
            Fail(PlanColumns.List, "required (key, highlight or difficulty; also 重点, 亮点 or 难点)");
        }
        else if (!hasList)
        {
            Fail(PlanColumns.List, $"'{task.List}' is not a list (key, highlight or difficulty; also 重点, 亮点 or 难点)");
        }

        if (task.Code is null)
        {
            Fail(PlanColumns.Code, "required");
        }
        else if (!PlanTask.IsValidCode(task.Code))
        {
            Fail(PlanColumns.Code, $"'{task.Code}' is not a task code (K-01, H-02, D-123: K, H or D, a dash, 2 or 3 digits)");
        }
        // A task an admin moved to another list keeps its code, so its stored list also counts as matching.
        else if (hasList && task.Code[0] != list.CodePrefix() && !(storedLists.TryGetValue(task.Code, out var stored) && stored == list))
        {
            Fail(PlanColumns.Code, $"'{task.Code}' is on the {list.ToString().ToLowerInvariant()} list, so its code must start with {list.CodePrefix()}");
        }

        if (task.Title is null)
        {
            Fail(PlanColumns.Title, "required");
        }
        else if (task.Title.Length > MaxTitleLength)
        {
            Fail(PlanColumns.Title, $"{task.Title.Length} characters; at most {MaxTitleLength}");
        }

        CheckLength(task.LeadUnit, PlanColumns.LeadUnit, 100, Fail);
        var owner = FindMember(task.Owner, PlanColumns.Owner, roster, Fail);
        var coOwners = new List<Member>();
        foreach (var name in task.CoOwners.Distinct())
        {
            if (name == task.Owner)
            {
                Fail(PlanColumns.CoOwners, $"'{name}' is already the owner");
            }
            else if (FindMember(name, PlanColumns.CoOwners, roster, Fail) is { } coOwner)
            {
                coOwners.Add(coOwner);
            }
        }

        var deadline = RequiredDate(task.Deadline, PlanColumns.Deadline, Fail);
        var startDate = new DateOnly(planYear, 1, 1);
        if (task.StartDate is { } startText)
        {
            if (!ImportValues.TryParseDate(startText, out startDate))
            {
                Fail(PlanColumns.StartDate, ImportValues.NotADate(startText));
            }
            else if (deadline is { } d && startDate > d)
            {
                Fail(PlanColumns.StartDate, $"{Iso(startDate)} is after the deadline {Iso(d)}");
            }
        }

        var milestones = ValidateMilestones(task.Milestones, startDate, deadline, Fail);
        var (targetValue, targetUnit, targetLabel) = ValidateTarget(task, Fail);
        CheckLength(task.TargetUnit, PlanColumns.TargetUnit, 20, Fail);
        CheckLength(task.TargetLabel, PlanColumns.TargetLabel, 100, Fail);
        if (!ImportValues.TryParseFlag(task.Defaults, out var isDefault))
        {
            Fail(PlanColumns.Defaults, $"'{task.Defaults}' is not true or false");
        }

        if (!ok || deadline is null || milestones is null)
        {
            return null;
        }

        return new TaskDraft(
            task.Code!, list, task.Section ?? "", task.Item ?? "", task.Title!, task.Detail ?? "", task.LeadUnit ?? "",
            owner, coOwners, startDate, deadline.Value, milestones, targetValue, targetUnit, targetLabel, isDefault, task.Omitted);
    }

    private static List<MilestoneDraft>? ValidateMilestones(
        IReadOnlyList<RawMilestone> raw, DateOnly startDate, DateOnly? deadline, Action<string, string> fail)
    {
        var ok = true;
        var parsed = new List<(DateOnly Date, string Title, int? Percent)>();
        foreach (var m in raw)
        {
            var where = m.Date is null ? "" : $"milestone {m.Date}: ";
            if (!ImportValues.TryParseDate(m.Date, out var date))
            {
                fail(PlanColumns.Milestones, m.Date is null ? "a milestone needs a date" : ImportValues.NotADate(m.Date));
                ok = false;
                continue;
            }

            if (deadline is { } d && date > d)
            {
                fail(PlanColumns.Milestones, $"{where}after the deadline {Iso(d)}");
                ok = false;
            }

            if (date < startDate)
            {
                fail(PlanColumns.Milestones, $"{where}before the task starts ({Iso(startDate)})");
                ok = false;
            }

            if (string.IsNullOrWhiteSpace(m.Title))
            {
                fail(PlanColumns.Milestones, $"{where}needs a title");
                ok = false;
            }
            else if (m.Title.Length > MaxTitleLength)
            {
                fail(PlanColumns.Milestones, $"{where}title is {m.Title.Length} characters; at most {MaxTitleLength}");
                ok = false;
            }

            int? percent = null;
            if (m.Percent is { } p)
            {
                if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100)
                {
                    percent = value;
                }
                else
                {
                    fail(PlanColumns.Milestones, $"{where}percent '{p}' is not a whole number from 1 to 100");
                    ok = false;
                }
            }

            parsed.Add((date, m.Title ?? "", percent));
        }

        foreach (var repeated in parsed.GroupBy(m => m.Date).Where(g => g.Count() > 1))
        {
            fail(PlanColumns.Milestones, $"two milestones on {Iso(repeated.Key)}");
            ok = false;
        }

        if (!ok || deadline is not { } due)
        {
            return null;
        }

        var ordered = parsed.OrderBy(m => m.Date).ToList();
        var drafts = ordered
            .Select((m, i) => new MilestoneDraft(m.Date, m.Title,
                m.Percent ?? ExpectedPercents.Default(i + 1, ordered.Count, ordered[^1].Date, due)))
            .ToList();
        for (var i = 1; i < drafts.Count; i++)
        {
            if (drafts[i].ExpectedPercent < drafts[i - 1].ExpectedPercent)
            {
                fail(PlanColumns.Milestones, $"milestone {Iso(drafts[i].Date)}: {drafts[i].ExpectedPercent}% is less than {drafts[i - 1].ExpectedPercent}% on {Iso(drafts[i - 1].Date)}");
                return null;
            }
        }

        return drafts;
    }

    private static (decimal? Value, string? Unit, string? Label) ValidateTarget(RawTask task, Action<string, string> fail)
    {
        if (task.TargetValue is null)
        {
            if (task.TargetUnit is not null || task.TargetLabel is not null)
            {
                fail(PlanColumns.TargetValue, "a target unit or label needs a target value");
            }

            return (null, null, null);
        }

        if (!ImportValues.TryParseNumber(task.TargetValue, out var value) || value <= 0)
        {
            fail(PlanColumns.TargetValue, $"'{task.TargetValue}' is not a number greater than 0");
            return (null, null, null);
        }

        if (task.TargetUnit is null)
        {
            fail(PlanColumns.TargetUnit, "a target value needs a unit (e.g. 名, 家, 个, 亿元)");
        }

        return (value, task.TargetUnit, task.TargetLabel);
    }

    private static Member? FindMember(string? name, string column, IReadOnlyDictionary<string, Member> roster, Action<string, string> fail)
    {
        if (name is null)
        {
            return null;
        }

        if (roster.TryGetValue(name, out var member))
        {
            return member;
        }

        fail(column, $"'{name}' is not on the roster");
        return null;
    }

    private static DateOnly? RequiredDate(string? text, string column, Action<string, string> fail)
    {
        if (text is null)
        {
            fail(column, "required (YYYY-MM-DD)");
            return null;
        }

        if (ImportValues.TryParseDate(text, out var date))
        {
            return date;
        }

        fail(column, ImportValues.NotADate(text));
        return null;
    }

    private static void CheckLength(string? text, string column, int max, Action<string, string> fail)
    {
        if (text is not null && text.Length > max)
        {
            fail(column, $"{text.Length} characters; at most {max}");
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
