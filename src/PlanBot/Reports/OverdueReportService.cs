using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports.Circular;
using PlanBot.Storage;
using PlanBot.Texts;
using PlanBot.Chat;

namespace PlanBot.Reports;

/// <summary>
/// Produces, keeps and sends the monthly overdue report (the monthly job, /report, `report overdue` on the CLI).
/// A month's report is built once and stored; sending it again sends the stored one.
/// </summary>
public sealed class OverdueReportService(
    PlanBotDbContext db,
    OverdueReportBuilder builder,
    PlanClock clock,
    IOptions<CircularOptions> circular,
    IOptions<ReportOptions> options,
    ILogger<OverdueReportService> logger)
{
    /// <summary>The BotStateEntry holding the month ("yyyy-MM") of the last scheduled report.</summary>
    public const string LastMonthSetting = "Report:LastScheduledMonth";

    /// <summary>True once the month is over in the plan's time zone: only then can its report be produced and kept.</summary>
    public bool HasEnded(YearMonth month) => month.LastDay < clock.Today;

    /// <summary>The month's stored report, built and stored first if there is none yet (saved).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month has not ended yet (check <see cref="HasEnded"/> first).</exception>
    public async Task<StoredReport> GetOrCreateAsync(YearMonth month, CancellationToken ct = default)
    {
        if (!HasEnded(month))
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, $"The month {month} has not ended yet; its overdue report is produced from the 1st of the next month.");
        }

        var key = month.ToString();
        var stored = await db.StoredReports.FirstOrDefaultAsync(r => r.Month == key, ct);
        if (stored is not null)
        {
            return stored;
        }

        var report = await builder.BuildAsync(db, month, ct);
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstAsync(ct);
        var files = await ReportRendering.RenderAsync(report, plan, circular.Value, clock.Today, clock.ToLocalDate);
        stored = new StoredReport
        {
            Month = key,
            CreatedAtUtc = clock.UtcNow,
            Summary = files.Summary,
            SummaryEn = files.SummaryEn,
            Xlsx = files.Xlsx,
            Png = files.Png,
            XlsxEn = files.XlsxEn,
            PngEn = files.PngEn,
            Docx = files.Docx,
        };
        db.StoredReports.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Built at the same moment by the job and /report: the first one stored is the month's report.
            db.Entry(stored).State = EntityState.Detached;
            return await db.StoredReports.SingleAsync(r => r.Month == key, ct);
        }

        return stored;
    }

    /// <summary>
    /// The month's report as it is delivered (the job, /report, `report overdue`): the stored one (built and stored first if
    /// there is none yet) and, when <see cref="ReportOptions.RankUnits"/> is on, the lead units' ranking worked out now.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The month has not ended yet (check <see cref="HasEnded"/> first).</exception>
    public async Task<DeliveredReport> GetForDeliveryAsync(YearMonth month, CancellationToken ct = default)
    {
        var stored = await GetOrCreateAsync(month, ct);
        return new DeliveredReport(stored, options.Value.RankUnits ? await RankUnitsAsync(month, ct) : null);
    }

    /// <summary>
    /// The lead units ranked by their results at the month's end, with the change since the month before, ranked the same
    /// way from the same builder (no comparison when no task had started by the end of the month before).
    /// </summary>
    public async Task<UnitRanking> RankUnitsAsync(YearMonth month, CancellationToken ct = default)
    {
        var report = await builder.BuildAsync(db, month, ct);
        var previousMonth = month.Previous;
        var previous = await db.Tasks.AnyAsync(t => t.StartDate <= previousMonth.LastDay, ct)
            ? await builder.BuildAsync(db, previousMonth, ct)
            : null;
        return UnitRanker.Rank(report, previous);
    }

    /// <summary>
    /// The messages that carry a month's report to one chat, in the reader's language: the summary, the units' ranking
    /// (only when there is one), the .xlsx, the chart and the circular.
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Messages(DeliveredReport delivered, ChatAddress chatId, int? memberId, string language)
    {
        var t = TextSet.For(language);
        var report = delivered.Stored;
        var month = YearMonth.TryParse(report.Month, out var parsed) ? t.MonthName(parsed.FirstDay) : report.Month;
        var ranking = delivered.RankingIn(language) is { } rankingText
            ? new[] { new OutgoingMessage(chatId, rankingText) { RecipientMemberId = memberId } }
            : [];
        var circular = report.Docx is { } docx
            ? new[]
            {
                new OutgoingMessage(chatId, t.Format("report.caption.circular", month))
                {
                    RecipientMemberId = memberId,
                    Attachment = new Attachment($"circular-{report.Month}.docx", docx, AttachmentKind.Document),
                },
            }
            : [];
        return
        [
            new OutgoingMessage(chatId, report.SummaryIn(language)) { RecipientMemberId = memberId },
            .. ranking,
            new OutgoingMessage(chatId, t.Format("report.caption.workbook", month))
            {
                RecipientMemberId = memberId,
                Attachment = new Attachment($"overdue-{report.Month}.xlsx", delivered.WorkbookIn(language), AttachmentKind.Document),
            },
            new OutgoingMessage(chatId, t.Format("report.caption.chart", month))
            {
                RecipientMemberId = memberId,
                Attachment = new Attachment($"overdue-{report.Month}.png", report.ChartIn(language), AttachmentKind.Photo),
            },
            .. circular,
        ];
    }

    /// <summary>Sends the month's report (stored, or built now) to every supervisor and subscribed chat; returns the number of chats.</summary>
    public Task<int> SendAsync(YearMonth month, CancellationToken ct = default) => SendAsync(month, scheduled: false, ct);

    /// <summary>
    /// For the job, once it found the configured occurrence due on <paramref name="dueDay"/> (a working day): sends the
    /// previous month's report if the schedule has not sent it yet, so it goes out once, on the first working day of the
    /// month (or the first day the bot runs after it).
    /// </summary>
    public async Task<int> SendScheduledAsync(DateOnly dueDay, CancellationToken ct)
    {
        var month = YearMonth.Of(dueDay).Previous;
        if (await db.GetStateAsync(LastMonthSetting, ct) is { } last && YearMonth.TryParse(last, out var lastMonth) && lastMonth >= month)
        {
            return 0;
        }

        return await SendAsync(month, scheduled: true, ct);
    }

    private async Task<int> SendAsync(YearMonth month, bool scheduled, CancellationToken ct)
    {
        var report = await GetForDeliveryAsync(month, ct);
        var recipients = await ReportRecipients.LoadAsync(db, ct);
        var nowUtc = clock.UtcNow;
        foreach (var recipient in recipients)
        {
            db.Enqueue(nowUtc, Messages(report, recipient.ChatId, recipient.MemberId, recipient.Language));
        }

        if (scheduled)
        {
            await db.SetStateAsync(LastMonthSetting, month.ToString(), ct);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Overdue report for {Month} sent to {Count} chats", month, recipients.Count);
        return recipients.Count;
    }
}
