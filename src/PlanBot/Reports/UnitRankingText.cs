using System.Text;
using PlanBot.Reports.Xlsx;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>The lead units' ranking (<see cref="UnitRanker"/>) as a message and as a sheet of the monthly report's workbook.</summary>
public static class UnitRankingText
{
    /// <summary>The message (HTML): a header, the rule, then a line per unit, best first, with its change since the month before.</summary>
    public static string Render(UnitRanking ranking, string language)
    {
        var t = TextSet.For(language);
        var text = new StringBuilder();
        text.Append(t.Format("report.ranking.header", t.MonthName(ranking.Month.FirstDay))).Append('\n');
        text.Append(t["report.ranking.rule"]).Append('\n');
        foreach (var unit in ranking.Units)
        {
            var r = unit.Result;
            var change = Change(unit, ranking, t) is { } words ? new RawHtml(t.Format("report.ranking.changeNote", words)) : new RawHtml("");
            text.Append('\n').Append(t.Format(
                "report.ranking.unit", unit.Rank, r.LeadUnit, change, r.Tasks, r.FinishedOnTime, r.Red, r.AtRisk, r.OnTrack, r.Done, r.Behind));
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The sheet's name in the language.</summary>
    public static string SheetName(string language) => TextSet.For(language)["report.sheet.ranking"];

    /// <summary>The ranking as a sheet: one row per unit, best first, titled like the report's other sheets.</summary>
    public static SheetContent Sheet(UnitRanking ranking, string language)
    {
        var t = TextSet.For(language);
        var name = SheetName(language);
        return SheetContent.Of(name, t.Plain("report.workbook.title", t.MonthName(ranking.Month.FirstDay), name),
        [
            new SheetColumn<RankedUnit>(t["report.column.rank"], x => x.Rank),
            new(t["report.column.rankChange"], x => Change(x, ranking, t) ?? "—"),
            new(t["report.column.leadUnit"], x => x.Result.LeadUnit),
            new(t["report.column.tasks"], x => x.Result.Tasks),
            new(t["report.column.finishedOnTime"], x => x.Result.FinishedOnTime),
            new(t["report.column.red"], x => x.Result.Red),
            new(t["report.column.atRisk"], x => x.Result.AtRisk),
            new(t["report.column.onTrack"], x => x.Result.OnTrack),
            new(t["report.column.done"], x => x.Result.Done),
            new(t["report.column.behindSchedule"], x => x.Result.Behind),
            new(t["report.column.redShare"], x => x.Result.RedShare),
            new(t["report.column.behindShare"], x => x.Result.BehindShare),
            new(t["report.column.finishedOnTimeShare"], x => x.Result.FinishedOnTimeShare),
        ], ranking.Units);
    }

    /// <summary>"↑2", "↓1", "持平" or "新" (new); null when there was no ranking the month before to compare with.</summary>
    private static string? Change(RankedUnit unit, UnitRanking ranking, TextSet t) =>
        !ranking.HasPrevious ? null
        : unit.Change switch
        {
            null => t["report.ranking.new"],
            > 0 and var up => t.Plain("report.ranking.up", up),
            < 0 and var down => t.Plain("report.ranking.down", -down),
            _ => t["report.ranking.same"],
        };
}
