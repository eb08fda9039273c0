namespace PlanBot.Reports;

/// <summary>A monthly overdue report as it was produced, kept so it can be sent again unchanged.</summary>
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
}
