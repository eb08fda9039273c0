using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;

namespace PlanBot.Supervision;

/// <summary>
/// Keeps each task's light at a month's end (<see cref="LightSnapshot"/>) once the month is over, taken from the monthly
/// report's own reckoning of the month's end, so the month's report, circular and lights read the same afterwards.
/// </summary>
public sealed class LightSnapshots(PlanClock clock, OverdueReportBuilder builder, ILogger<LightSnapshots> logger)
{
    /// <summary>Takes the snapshot of <paramref name="month"/> if it has ended and was not taken yet (for tasks that have none).</summary>
    public async Task EnsureTakenAsync(PlanBotDbContext db, YearMonth month, CancellationToken ct)
    {
        if (month.LastDay >= clock.Today)
        {
            return;
        }

        var key = month.ToString();
        var taken = (await db.LightSnapshots.Where(s => s.Month == key).Select(s => s.TaskId).ToListAsync(ct)).ToHashSet();
        var existing = (await db.Tasks.Where(t => t.CreatedAtUtc < clock.StartOfDayUtc(month.LastDay.AddDays(1))).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        if (existing.All(taken.Contains))
        {
            return;
        }

        var report = await builder.BuildAsync(db, month, ct);
        var now = clock.UtcNow;
        var added = 0;
        foreach (var task in report.AllTasks)
        {
            if (existing.Contains(task.TaskId) && !taken.Contains(task.TaskId))
            {
                db.LightSnapshots.Add(new LightSnapshot
                {
                    TaskId = task.TaskId,
                    Month = key,
                    Light = task.Light.Light,
                    Reason = task.Light.Reason,
                    LateSince = task.Light.LateSince,
                    WorkingDaysLate = task.Light.WorkingDaysLate,
                    BehindPoints = task.Light.BehindPoints,
                    RedUntilMadeUp = task.Light.Reason == LightReason.FarBehindSchedule && !task.Light.IsFarBehindNow,
                    ProgressPercent = task.ProgressPercent,
                    ScheduledPercent = task.ScheduledPercent,
                    TakenAtUtc = now,
                });
                added++;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Kept the lights of {Count} tasks at the end of {Month}", added, key);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another instance (or the report at the same moment) kept them first; theirs stand.
            db.ChangeTracker.Clear();
        }
    }
}
