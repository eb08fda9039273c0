using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Console;

/// <summary>
/// The console's first lines, so the first screen says what it shows: which plan, which database file, which day on
/// which clock (and that nothing from before a first start is sent late; a gap in the holiday calendar), who you are,
/// where help and the log are.
/// When today lies outside the plan's year — the seed plan is 2024's, so on today's clock every task is overdue — it
/// also prints the one flag that shows the plan at work: the rehearsal clock.
/// </summary>
public sealed class ConsoleBanner(
    PlanClock clock,
    IOptions<ClockOptions> clockOptions,
    WorkingDayCalendar calendar,
    CalendarCoverage calendarCoverage,
    DatabaseFile database,
    ConsoleLogFile log,
    FirstStart firstStart)
{
    /// <summary>The banner for <paramref name="you"/>, in their language, as plain text.</summary>
    public async Task<string> RenderAsync(PlanBotDbContext db, Member you, CancellationToken ct)
    {
        var t = TextSet.For(you.Language);
        var plan = await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.ImportedAtUtc)
            .Select(p => new { p.Year, p.Organisation, Tasks = p.Tasks.Count })
            .FirstOrDefaultAsync(ct);
        var rehearsal = clockOptions.Value.Clock.StartAt is not null;
        var roles = new[] { MemberRoles.Admin, MemberRoles.Supervisor, MemberRoles.Owner }.Where(you.Has).Select(r => t["role." + r]);

        var lines = new List<string>
        {
            t["console.banner"],
            plan is null ? t["console.noPlan"] : t.Format("console.plan", plan.Year, plan.Organisation, plan.Tasks),
            t.Format("console.database", database.Path),
            t.Format(rehearsal ? "console.rehearsalClock" : "console.clock", t.DayAndTime(clock.LocalNow), clock.Zone.Id),
        };
        if (await calendarCoverage.MissingYearsAsync(db, ct) is { Count: > 0 } gaps)
        {
            // Only in the log otherwise, and the console's log is a file: the admin at the console should see it.
            lines.Add(t.Format("digest.calendarGap", t.JoinNames(gaps.Select(y => y.ToString(CultureInfo.InvariantCulture)))));
        }

        if (firstStart.IsThisStart)
        {
            lines.Add(t[rehearsal ? "console.rehearsalStart" : "console.firstStart"]);
        }

        lines.Add(t.Format("console.you", you.Name, t.JoinNames(roles)));
        lines.Add(t.Format("console.helpHint", log.Path));
        if (plan is not null && plan.Year != clock.Today.Year)
        {
            var start = RehearsalStart(plan.Year);
            lines.Add(t.Format("console.rehearsalHint", plan.Year, t.DayAndTime(start), start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)));
        }

        lines.Add(t["console.help"]);
        // A blank line between the banner and the conversation.
        lines.Add("");
        return Html.ToPlainText(string.Join('\n', lines));
    }

    /// <summary>
    /// Where a rehearsal of a plan year shows it at work: two minutes before the 09:00 reminder scan on the first working
    /// day of July, so the start is calm, and then the half-year's reminders and June's overdue report arrive.
    /// </summary>
    private DateTimeOffset RehearsalStart(int year)
    {
        var day = new DateOnly(year, 7, 1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        var local = day.ToDateTime(new TimeOnly(8, 58));
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
    }
}
