using System.Globalization;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Reports.Circular;

/// <summary>
/// Words the monthly 通报 from the month's report: the overall counts against 序时进度 (<see cref="ScheduledProgress"/>),
/// a paragraph per list naming the tasks behind it and their lead units, the next steps, and the appendix table.
/// Every count comes from the report, so the circular, the report message and its workbook agree.
/// </summary>
public static class CircularWriter
{
    /// <param name="number">The circular's number in the year's series (the 11 of 督查〔2024〕11号).</param>
    /// <param name="issuedOn">成文日期.</param>
    public static CircularContent Write(
        OverdueReport report, Plan plan, CircularOptions options, int number, DateOnly issuedOn, string language)
    {
        var t = TextSet.For(language);
        string Plain(string key, params object?[] args) => Html.ToPlainText(t.Format(key, args));
        var month = t.MonthName(report.Month.FirstDay);
        var issuer = string.IsNullOrWhiteSpace(options.Issuer) ? plan.Organisation : options.Issuer.Trim();
        var header = string.IsNullOrWhiteSpace(options.Header) ? Plain("circular.header", issuer) : options.Header.Trim();
        var tasks = report.AllTasks;

        var body = new List<CircularParagraph>
        {
            new(CircularParagraphKind.Body, Plain("circular.opening", plan.Year, t.LongDate(report.Month.LastDay))),
            new(CircularParagraphKind.Heading, Plain("circular.overall.heading")),
            new(CircularParagraphKind.Body, Overall(report, options, t, Plain)),
            new(CircularParagraphKind.Heading, Plain("circular.lists.heading")),
        };
        var numerals = t["circular.numerals"].Split(',');
        foreach (var (list, i) in WorkLists.All.Select((l, i) => (l, i)))
        {
            var ofList = tasks.Where(x => x.List == list).ToList();
            var behind = ofList.Where(x => x.Pace == Pace.Behind).ToList();
            var text = Plain("circular.list", ofList.Count, Count(ofList, Pace.Done), Count(ofList, Pace.Ahead), Count(ofList, Pace.OnPace), behind.Count)
                + (behind.Count == 0
                    ? Plain("circular.list.noneBehind")
                    : Plain("circular.list.behind", t.JoinNames(behind.Select(x =>
                        Plain("circular.list.behindTask", x.Code, x.Title, x.LeadUnit, x.ScheduledPercent, x.ProgressPercent)))));
            body.Add(new(CircularParagraphKind.Body, text, Plain("circular.list.lead", numerals[i], t.ListName(list))));
        }

        body.Add(new(CircularParagraphKind.Heading, Plain("circular.nextSteps.heading")));
        var steps = options.NextSteps.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        if (steps.Count == 0)
        {
            steps = [t["circular.nextStep.default1"], t["circular.nextStep.default2"], t["circular.nextStep.default3"]];
        }

        body.AddRange(steps.Select((s, i) => new CircularParagraph(
            CircularParagraphKind.Body, (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + Html.ToPlainText(s))));

        var rows = tasks
            .OrderBy(x => x.List).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select((x, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture),
                x.Code + " " + x.Title,
                x.LeadUnit,
                x.ScheduledPercent.ToString(CultureInfo.InvariantCulture) + "%",
                x.ProgressPercent.ToString(CultureInfo.InvariantCulture) + "%",
                State(x, t),
                string.IsNullOrWhiteSpace(x.LastNote) ? "—" : x.LastNote.Trim(),
            ])
            .ToList();

        return new CircularContent(
            header,
            Plain("circular.number", options.NumberPrefix.Trim(), report.Month.Year, number),
            Plain("circular.title", month),
            Plain("circular.recipients", options.Recipients.Trim()),
            body,
            Plain("circular.appendixNote", month),
            issuer,
            t.LongDate(issuedOn),
            Plain("circular.appendix"),
            Plain("circular.table.title", month),
            t["circular.table.headers"].Split(','),
            rows);
    }

    private static string Overall(OverdueReport report, CircularOptions options, TextSet t, Func<string, object?[], string> plain)
    {
        var tasks = report.AllTasks;
        var behind = Count(tasks, Pace.Behind);
        var share = tasks.Count == 0 ? 0 : (int)Math.Round(100.0 * behind / tasks.Count, MidpointRounding.AwayFromZero);
        var overall = plain("circular.overall",
            [options.Scope.Trim(), tasks.Count, Count(tasks, Pace.Done), Count(tasks, Pace.Ahead), Count(tasks, Pace.OnPace), behind, share]);
        return overall + (report.RedCount == 0
            ? plain("circular.overall.noRed", [])
            : plain("circular.overall.red", [t.RedCounts("circular.redCount", [.. report.Sections.Select(x => (x.Reason, x.Count))])]));
    }

    /// <summary>The appendix's 状态: the pace, and for a red task how late it is ("欠序时进度(节点滞后 55 个工作日)").</summary>
    private static string State(TaskAtMonthEnd task, TextSet t) => task.Light.Light == Light.Red
        ? Html.ToPlainText(t.Format("circular.table.stateLate", t.PaceName(task.Pace), new RawHtml(t.Lateness(task.Light))))
        : t.PaceName(task.Pace);

    private static int Count(IEnumerable<TaskAtMonthEnd> tasks, Pace pace) => tasks.Count(x => x.Pace == pace);
}
