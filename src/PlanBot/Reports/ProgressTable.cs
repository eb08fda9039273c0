using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports.Xlsx;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>One task's row of the public table.</summary>
/// <param name="Number">序号, from 1 in each list.</param>
/// <param name="Target">年度目标任务: the title, and its numeric target when it has one.</param>
/// <param name="Progress">进展情况 in plain words.</param>
/// <param name="Units">责任单位: the lead unit first, then the co-owners' units.</param>
public sealed record ProgressTableRow(int Number, string Code, string Target, string Progress, string Units);

public sealed record ProgressTableSection(WorkList List, string Heading, IReadOnlyList<ProgressTableRow> Rows);

/// <param name="AsOf">The day the progress is stated for: today, or the last day of the month asked for.</param>
public sealed record ProgressTableContent(string Title, DateOnly AsOf, IReadOnlyList<ProgressTableSection> Sections);

/// <summary>
/// `export --format progress-table`: the one table a district publishes on its government site (序号 / 年度目标任务 /
/// 进展情况 / 责任单位), grouped by the three lists, in Chinese whatever the reader's language. Each task's state comes
/// from <see cref="OverdueReportBuilder"/>, replayed from the history: at a month's end for <c>--month</c>, and otherwise
/// at the end of the current month, which is everything recorded so far. Lights, codes and names of people stay out:
/// it is a public table of work and results.
/// </summary>
public sealed class ProgressTable(OverdueReportBuilder builder, PlanClock clock)
{
    /// <summary>The table's sheet.</summary>
    public const string SheetName = "进展情况";

    /// <param name="month">The month whose end the progress is stated for; null for today.</param>
    public async Task<ProgressTableContent> BuildAsync(PlanBotDbContext db, YearMonth? month, CancellationToken ct = default)
    {
        var t = TextSet.Chinese;
        var asOf = month?.LastDay ?? clock.Today;
        var report = await builder.BuildAsync(db, month ?? YearMonth.Of(clock.Today), ct);
        var tasks = await db.Tasks.AsNoTracking()
            .Include(x => x.CoOwners).ThenInclude(c => c.Member)
            .ToDictionaryAsync(x => x.Code, StringComparer.Ordinal, ct);
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstAsync(ct);

        var numerals = t["circular.numerals"].Split(',');
        var sections = WorkLists.All
            .Select((list, i) =>
            {
                var rows = report.AllTasks
                    .Where(x => x.List == list)
                    .OrderBy(x => x.Code, StringComparer.Ordinal)
                    .Select((x, n) => Row(n + 1, x, tasks[x.Code], t))
                    .ToList();
                return new ProgressTableSection(list, t.Plain("progressTable.section", numerals[i], t.ListName(list), rows.Count), rows);
            })
            .Where(s => s.Rows.Count > 0)
            .ToList();
        var title = t.Plain("progressTable.title", plan.Organisation, plan.Year, t.LongDate(asOf));
        return new ProgressTableContent(title, asOf, sections);
    }

    /// <summary>The table as an .xlsx: a title row, the header, a heading row per list, text wrapped for printing.</summary>
    public static byte[] Render(ProgressTableContent content)
    {
        var t = TextSet.Chinese;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var section in content.Sections)
        {
            rows.Add([new SheetSection(section.Heading), null, null, null]);
            rows.AddRange(section.Rows.Select(r => (IReadOnlyList<object?>)[r.Number, r.Target, r.Progress, r.Units]));
        }

        var sheet = new SheetContent(SheetName, content.Title, t["progressTable.headers"].Split(','), rows) { WrapText = true };
        return WorkbookWriter.Write([sheet], WorkbookStyles.FontFor(Languages.Chinese));
    }

    private static ProgressTableRow Row(int number, TaskAtMonthEnd state, PlanTask task, TextSet t)
    {
        var target = task.HasTarget
            ? t.Plain("progressTable.target", state.Title, TextSet.Number(task.TargetValue!.Value), task.TargetUnit ?? "")
            : state.Title;
        var units = new[] { state.LeadUnit }
            .Concat(task.CoOwners.Select(c => c.Member?.Unit).OfType<string>().Select(u => u.Trim()).Where(u => u.Length > 0))
            .Distinct(StringComparer.Ordinal);
        return new ProgressTableRow(number, state.Code, target, ProgressText(state, task, t), string.Join("、", units));
    }

    /// <summary>
    /// 进展情况: done → "已完成。" and its last note; otherwise the progress (percent, and the value toward a target) with
    /// the latest note, a blocker said as one; "尚未报送进展。" when nothing was ever reported.
    /// </summary>
    private static string ProgressText(TaskAtMonthEnd state, PlanTask task, TextSet t)
    {
        var note = string.IsNullOrWhiteSpace(state.LastNote) ? null : Sentence(state.LastNote);
        var parts = new List<string>();
        switch (state.Status)
        {
            case PlanTaskStatus.Done:
                parts.Add(t.Plain("progressTable.done"));
                break;
            case PlanTaskStatus.CloseRequested:
                parts.Add(t.Plain("progressTable.closeRequested"));
                break;
            default:
                if (state.ProgressPercent > 0 || state.ValueAtMonthEnd > 0)
                {
                    parts.Add(task.HasTarget && state.ValueAtMonthEnd is { } value
                        ? t.Plain("progressTable.percentAndValue", state.ProgressPercent, TextSet.Number(value), TextSet.Number(task.TargetValue!.Value), task.TargetUnit ?? "")
                        : t.Plain("progressTable.percent", state.ProgressPercent));
                }

                if (state.Status == PlanTaskStatus.Blocked && note is not null)
                {
                    parts.Add(t.Plain("progressTable.blocked", note));
                    note = null;
                }
                else if (parts.Count == 0 && note is null)
                {
                    parts.Add(t.Plain("progressTable.noProgress"));
                }

                break;
        }

        if (note is not null)
        {
            parts.Add(note);
        }

        return string.Concat(parts);
    }

    /// <summary>A note as a sentence of the cell: trimmed, ending in a full stop unless it ends in punctuation already.</summary>
    private static string Sentence(string note)
    {
        var text = note.Trim();
        return text.Length > 0 && char.GetUnicodeCategory(text[^1]) is UnicodeCategory.OtherPunctuation or UnicodeCategory.ClosePunctuation
            ? text
            : text + "。";
    }
}
