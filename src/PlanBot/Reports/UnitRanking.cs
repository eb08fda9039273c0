using PlanBot.Plans;

namespace PlanBot.Reports;

/// <summary>What one lead unit's tasks came to at a month's end: results only, nothing about who used the bot.</summary>
/// <param name="Tasks">The tasks it leads.</param>
/// <param name="FinishedOnTime">Done by the month's end, on or before their deadline (<see cref="TaskAtMonthEnd.FinishedOnTime"/>).</param>
/// <param name="Behind">Below their 序时进度 (欠序时进度, <see cref="Pace.Behind"/>); every red task is among them.</param>
public sealed record UnitResult(string LeadUnit, int Tasks, int FinishedOnTime, int Red, int AtRisk, int OnTrack, int Done, int Behind)
{
    public decimal RedShare => Share(Red);

    public decimal BehindShare => Share(Behind);

    public decimal FinishedOnTimeShare => Share(FinishedOnTime);

    /// <summary>A count as a percent of the unit's tasks, one decimal.</summary>
    private decimal Share(int count) => Tasks == 0 ? 0 : Math.Round(100m * count / Tasks, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A unit's place in the month's ranking and its place the month before.</summary>
/// <param name="Rank">1 is best; units with equal results share a rank (1, 2, 2, 4).</param>
/// <param name="PreviousRank">Its rank the month before; null when it was not ranked then.</param>
public sealed record RankedUnit(int Rank, int? PreviousRank, UnitResult Result)
{
    /// <summary>Places gained since the month before (negative: lost); null when it was not ranked then.</summary>
    public int? Change => PreviousRank - Rank;
}

/// <param name="HasPrevious">
/// Whether the month before had a ranking to compare with (some task had started by its end); without one, no unit is
/// "new" and no change is shown.
/// </param>
public sealed record UnitRanking(YearMonth Month, bool HasPrevious, IReadOnlyList<RankedUnit> Units);

/// <summary>
/// Ranks the lead units (牵头单位) of a month's report by their tasks' results at the month's end, and compares with the
/// month before, ranked the same way from that month's report. The order, best first:
/// <list type="number">
/// <item>the smallest share of its tasks red (逾期 or 节点滞后),</item>
/// <item>then the smallest share behind 序时进度 (欠序时进度),</item>
/// <item>then the largest share finished on time (done by the deadline).</item>
/// </list>
/// Only tasks that had started by the month's end count: a unit whose first task starts later is not ranked yet, and
/// is "new" the month it is. Shares, not counts, so a unit leading ten tasks is not ranked below one leading two for having more of them. Units
/// equal on all three share a rank. Nothing about people or how often anyone reported enters it (the 2024 rules on
/// reducing formalism: units may be ranked by results only). Opt-in: <see cref="ReportOptions.RankUnits"/>.
/// </summary>
public static class UnitRanker
{
    public static UnitRanking Rank(OverdueReport report, OverdueReport? previous)
    {
        var before = previous is null ? null : Ranked(previous).ToDictionary(r => r.Result.LeadUnit, r => r.Rank, StringComparer.Ordinal);
        return new UnitRanking(
            report.Month,
            before is not null,
            [.. Ranked(report).Select(r => r with { PreviousRank = before is not null && before.TryGetValue(r.Result.LeadUnit, out var p) ? p : null })]);
    }

    public static IReadOnlyList<UnitResult> Results(OverdueReport report) =>
    [
        .. report.AllTasks
            .Where(t => t.StartDate <= report.Month.LastDay)
            .GroupBy(t => t.LeadUnit, StringComparer.Ordinal)
            .Select(g => new UnitResult(
                g.Key,
                g.Count(),
                g.Count(t => t.FinishedOnTime),
                g.Count(t => t.Light.Light == Light.Red),
                g.Count(t => t.Light.Light == Light.AtRisk),
                g.Count(t => t.Light.Light == Light.OnTrack),
                g.Count(t => t.Light.Light == Light.Done),
                g.Count(t => t.Pace == Pace.Behind))),
    ];

    private static List<RankedUnit> Ranked(OverdueReport report)
    {
        var results = Results(report);
        return
        [
            .. results
                .Select(r => new RankedUnit(1 + results.Count(other => Compare(other, r) < 0), null, r))
                .OrderBy(r => r.Rank)
                .ThenBy(r => r.Result.LeadUnit, StringComparer.Ordinal),
        ];
    }

    /// <summary>Below zero when <paramref name="a"/> did better. Exact: shares are compared by cross-multiplying the counts.</summary>
    private static int Compare(UnitResult a, UnitResult b)
    {
        static int Fewer(int countA, int tasksA, int countB, int tasksB) => (countA * tasksB).CompareTo(countB * tasksA);
        var red = Fewer(a.Red, a.Tasks, b.Red, b.Tasks);
        if (red != 0)
        {
            return red;
        }

        var behind = Fewer(a.Behind, a.Tasks, b.Behind, b.Tasks);
        return behind != 0 ? behind : -Fewer(a.FinishedOnTime, a.Tasks, b.FinishedOnTime, b.Tasks);
    }
}
