using PlanBot.Plans;
using PlanBot.Reports.Xlsx;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// A month's report as it goes out: the stored report and, when <see cref="ReportOptions.RankUnits"/> is on, the lead
/// units' ranking worked out on delivery (a message of its own after the summary, and a sheet added to the workbook).
/// </summary>
/// <param name="Ranking">Null while ranking is off: then nothing in the report ranks units.</param>
public sealed record DeliveredReport(StoredReport Stored, UnitRanking? Ranking)
{
    public string Month => Stored.Month;

    public string SummaryIn(string language) => Stored.SummaryIn(language);

    /// <summary>The ranking message (HTML), or null without a ranking.</summary>
    public string? RankingIn(string language) => Ranking is null ? null : UnitRankingText.Render(Ranking, language);

    /// <summary>The stored workbook, with the ranking sheet after its own sheets when there is a ranking.</summary>
    public byte[] WorkbookIn(string language)
    {
        var workbook = Stored.WorkbookIn(language);
        if (Ranking is null)
        {
            return workbook;
        }

        // A report stored before there was an English workbook sends the Chinese one: its added sheet is Chinese too.
        var sheetLanguage = language == Languages.English && Stored.XlsxEn is null ? Languages.Chinese : language;
        return WorkbookWriter.Append(workbook, [UnitRankingText.Sheet(Ranking, sheetLanguage)]);
    }

    public byte[] ChartIn(string language) => Stored.ChartIn(language);
}
