using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Reports;

/// <summary>
/// /digest and /report for the chat: the digest or a month's overdue report, answered to the asker only, in their
/// language. Sending to everyone stays with the scheduled jobs.
/// </summary>
public sealed class SupervisorReports(DigestBuilder digests, PlanClock clock, CalendarCoverage calendar, IServiceScopeFactory scopes)
    : ISupervisorReports
{
    /// <summary>
    /// Today's digest for the asker. Built from the same period as the scheduled one and recorded nowhere, so asking
    /// does not shorten the period of the next Monday digest.
    /// </summary>
    public async Task<ChatResponse> DigestAsync(Member member, InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        var digest = await digests.BuildAsync(db, clock.Today, ct);
        var calendarGaps = member.Has(MemberRoles.Admin) ? await calendar.MissingYearsAsync(db, ct) : null;
        return Answer(member, message, DigestRenderer.Render(digest, member.Language, calendarGaps));
    }

    /// <summary>
    /// The month's report (default: the last month that has ended) as a summary, the .xlsx and the chart. A month that
    /// has not ended, or one before the plan began, gets a short explanation instead.
    /// </summary>
    public async Task<ChatResponse> ReportAsync(Member member, InboundMessage message, YearMonth? month, PlanBotDbContext db, CancellationToken ct)
    {
        var t = TextSet.For(member.Language);
        var lastEnded = YearMonth.Of(clock.Today).Previous;
        var asked = month ?? lastEnded;
        if (asked > lastEnded)
        {
            return Answer(member, message, t.Format(
                "report.notEnded", t.MonthName(asked.FirstDay), t.ShortDate(asked.LastDay.AddDays(1), clock.Today.Year), lastEnded));
        }

        if (!await db.Tasks.AnyAsync(t => t.StartDate <= asked.LastDay, ct))
        {
            return Answer(member, message, t.Format("report.noPlan", t.MonthName(asked.FirstDay)));
        }

        // The month's report is kept the first time anyone asks, in its own scope and transaction: the router's context
        // is saved by the caller (with this answer), and keeping the report does not depend on that.
        DeliveredReport report;
        await using (var scope = scopes.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<OverdueReportService>().GetForDeliveryAsync(asked, ct);
        }

        return new ChatResponse(OverdueReportService.Messages(report, message.ChatId, RecipientId(member, message), member.Language));
    }

    private static ChatResponse Answer(Member member, InboundMessage message, string html) =>
        new([new OutgoingMessage(message.ChatId, html) { RecipientMemberId = RecipientId(member, message) }]);

    /// <summary>The member behind a private chat, so a 403 marks them unreachable; none for a group.</summary>
    private static int? RecipientId(Member member, InboundMessage message) => message.IsPrivateChat ? member.Id : null;
}
