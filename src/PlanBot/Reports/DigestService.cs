using System.Globalization;
using Microsoft.Extensions.Logging;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Reports;

/// <summary>Builds, renders and sends the supervisors' digest (the weekly job, /digest, and `report digest` on the CLI).</summary>
public sealed class DigestService(
    PlanBotDbContext db,
    DigestBuilder builder,
    PlanClock clock,
    CalendarCoverage calendar,
    ILogger<DigestService> logger)
{
    /// <summary>The BotStateEntry holding the ISO week ("2024-W06") of the last scheduled digest.</summary>
    public const string LastWeekSetting = "Digest:LastScheduledWeek";

    /// <summary>The digest as text in <paramref name="language"/>, as of <paramref name="asOf"/> (default today); sends nothing.</summary>
    public async Task<string> RenderAsync(string language, DateOnly? asOf = null, CancellationToken ct = default) =>
        DigestRenderer.Render(await builder.BuildAsync(db, asOf ?? clock.Today, ct), language);

    /// <summary>Sends today's digest to every supervisor and subscribed chat now; returns the number of messages.</summary>
    public Task<int> SendAsync(CancellationToken ct) => SendAsync(null, ct);

    /// <summary>
    /// For the job, once it found the configured occurrence due on <paramref name="dueDay"/>: sends the digest once per
    /// ISO week, unless it has nothing to say (<see cref="DigestModel.HasNews"/>), and only within the occurrence's own week (a week whose working days all passed without a digest is
    /// covered by the next digest's period instead of a late one).
    /// </summary>
    public async Task<int> SendScheduledAsync(DateOnly dueDay, CancellationToken ct)
    {
        var week = IsoWeek(dueDay);
        if (week != IsoWeek(clock.Today) || await db.GetStateAsync(LastWeekSetting, ct) == week)
        {
            return 0;
        }

        return await SendAsync(week, ct);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoWeek(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    private async Task<int> SendAsync(string? scheduledWeek, CancellationToken ct)
    {
        var nowUtc = clock.UtcNow;
        var digest = await builder.BuildAsync(db, clock.Today, ct);
        if (scheduledWeek is not null && !digest.HasNews)
        {
            // Nothing to read: the week counts as done, and the next digest's period still starts at the last one sent.
            await db.SetStateAsync(LastWeekSetting, scheduledWeek, ct);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Digest for {Today} not sent: nothing new since {Since}", Iso(clock.Today), Iso(digest.Since));
            return 0;
        }

        var recipients = await ReportRecipients.LoadAsync(db, ct);
        var calendarGaps = await calendar.MissingYearsAsync(db, ct);
        var texts = new Dictionary<(string, bool), string>();
        foreach (var recipient in recipients)
        {
            if (!texts.TryGetValue((recipient.Language, recipient.IsAdmin), out var text))
            {
                texts[(recipient.Language, recipient.IsAdmin)] = text =
                    DigestRenderer.Render(digest, recipient.Language, recipient.IsAdmin ? calendarGaps : null);
            }

            db.Enqueue(nowUtc, new OutgoingMessage(recipient.ChatId, text) { RecipientMemberId = recipient.MemberId });
        }

        await db.SetStateAsync(DigestBuilder.LastSentSetting, nowUtc.ToString("O", CultureInfo.InvariantCulture), ct);
        if (scheduledWeek is not null)
        {
            await db.SetStateAsync(LastWeekSetting, scheduledWeek, ct);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Digest for {Today} sent to {Count} chats", Iso(clock.Today), recipients.Count);
        return recipients.Count;
    }
}
