using PlanBot.Plans;

namespace PlanBot.Reports;

/// <summary>A monthly overdue report as it was produced, in both languages, kept so it can be sent again unchanged.</summary>
public sealed class StoredReport
{
    public int Id { get; set; }

    /// <summary>"yyyy-MM"; unique.</summary>
    public required string Month { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The message summary (HTML) in Chinese, the default language.</summary>
    public required string Summary { get; set; }

    /// <summary>The same summary in English, for members who chose /lang en.</summary>
    public required string SummaryEn { get; set; }

    public required byte[] Xlsx { get; set; }

    public required byte[] Png { get; set; }

    /// <summary>The workbook in English; null in a report stored before there was one (the Chinese one is sent instead).</summary>
    public byte[]? XlsxEn { get; set; }

    /// <summary>The chart in English; null in a report stored before there was one (the Chinese one is sent instead).</summary>
    public byte[]? PngEn { get; set; }

    /// <summary>
    /// The month's circular (通报), a Chinese .docx draft for every reader (docs/circular.md); null in a report stored
    /// before there was one.
    /// </summary>
    public byte[]? Docx { get; set; }

    public string SummaryIn(string language) => language == Languages.English ? SummaryEn : Summary;

    public byte[] WorkbookIn(string language) => language == Languages.English ? XlsxEn ?? Xlsx : Xlsx;

    public byte[] ChartIn(string language) => language == Languages.English ? PngEn ?? Png : Png;
}
