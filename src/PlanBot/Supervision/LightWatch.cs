using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Chat.Progress;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Supervision;

/// <summary>
/// Records each task's light once a day (with the morning reminder scan) and acts on its changes: a task that turns
/// yellow for being behind its 序时进度 gets a 提示单, one that turns red a 督办单 (docs/supervision.md). It also records
/// what Ouhai's rule reads (<see cref="PlanTask.RedUntilMadeUpSince"/>): a task seen red while far behind stays red
/// until it has caught up.
/// Keeps the lights of a month that has ended (<see cref="LightSnapshots"/>) first, before today's changes are recorded.
/// </summary>
public sealed class LightWatch(
    PlanClock clock,
    TaskLights lights,
    WorkingDayCalendar calendar,
    LightSnapshots snapshots,
    NoticeMessages messages,
    IOptions<NoticeOptions> options,
    ILogger<LightWatch> logger)
{
    /// <summary>Records today's lights and issues the notices they call for; returns the notices issued.</summary>
    public async Task<IReadOnlyList<Notice>> RunAsync(PlanBotDbContext db, CancellationToken ct)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        await snapshots.EnsureTakenAsync(db, YearMonth.Of(today).Previous, ct);

        var tasks = await db.Tasks
            .Include(t => t.Plan)
            .Include(t => t.Owner)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .OrderBy(t => t.Code)
            .ToListAsync(ct);
        var open = await db.Notices.Where(n => n.RepliedAtUtc == null && n.ClosedAtUtc == null).ToListAsync(ct);
        // One notice of a kind per task and day (a unique index): a light that turns, settles and turns again the same
        // day is not noticed twice.
        var issuedToday = (await db.Notices.Where(n => n.IssuedOn == today).Select(n => new { n.TaskId, n.Kind }).ToListAsync(ct))
            .Select(n => (n.TaskId, n.Kind)).ToHashSet();
        var lastNumbers = (await db.Notices
                .GroupBy(n => new { n.Year, n.Kind })
                .Select(g => new { g.Key.Year, g.Key.Kind, Last = g.Max(n => n.Number) })
                .ToListAsync(ct))
            .ToDictionary(x => (x.Year, x.Kind), x => x.Last);

        var issued = new List<Notice>();
        foreach (var task in tasks)
        {
            if (task.Status == PlanTaskStatus.Done)
            {
                // A finished task waits for no reply.
                foreach (var settled in open.Where(n => n.TaskId == task.Id))
                {
                    settled.Close(Texts.TextSet.Chinese["notice.closed.done"], now);
                }
            }

            var light = lights.Of(task, today, clock.Zone);
            RememberRedUntilMadeUp(task, light, today);
            if (task.WatchedLight == light.Light && task.WatchedReason == light.Reason)
            {
                continue;
            }

            var was = task.WatchedLight;
            task.WatchedLight = light.Light;
            task.WatchedReason = light.Reason;
            task.WatchedSince = today;
            if (NoticeFor(was, light) is not { } kind || task.Owner is not { } owner || !options.Value.Enabled
                || open.Any(n => n.IsOpen && n.TaskId == task.Id && (n.Kind == kind || n.Kind == NoticeKind.Supervision))
                || !issuedToday.Add((task.Id, kind)))
            {
                continue;
            }

            var year = task.Plan?.Year ?? today.Year;
            var number = lastNumbers.GetValueOrDefault((year, kind)) + 1;
            lastNumbers[(year, kind)] = number;
            var notice = new Notice
            {
                Kind = kind,
                Year = year,
                Number = number,
                TaskId = task.Id,
                Task = task,
                MemberId = owner.Id,
                Member = owner,
                IssuedOn = today,
                IssuedAtUtc = now,
                ReplyBy = ReplyBy(today),
                Reason = light.Reason,
                Situation = Texts.Html.ToPlainText(Texts.TextSet.Chinese.LightText(light, year)),
                ProgressPercent = task.ProgressPercent,
                ScheduledPercent = ScheduledProgress.ExpectedPercent(task.ToLightInput(clock.Zone), today.AddDays(-1)),
            };
            db.Notices.Add(notice);
            // A 督办单 takes the place of the task's open 提示单: one instrument waits for the owner's reply at a time.
            foreach (var hint in open.Where(n => n.IsOpen && n.TaskId == task.Id && n.Kind == NoticeKind.Hint && kind == NoticeKind.Supervision))
            {
                hint.Close(Texts.TextSet.Chinese.Format("notice.closed.superseded", notice.Title), now);
            }

            task.RecordNotice(UpdateKind.NoticeIssued, notice.Title + " " + notice.Situation, null, UpdateChannel.System, now);
            Send(db, notice, now);
            issued.Add(notice);
        }

        try
        {
            // One save: the lights, the notices, their forms in the outbox and the questions their replies answer.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another instance recorded today's changes (and numbered their notices) first; nothing is issued twice.
            logger.LogWarning("Light watch for {Today} lost a race with another instance; its notices stand", today);
            db.ChangeTracker.Clear();
            return [];
        }

        if (issued.Count > 0)
        {
            logger.LogInformation(
                "Light watch for {Today}: {Hints} 提示单 and {Supervisions} 督办单 issued",
                today, issued.Count(n => n.Kind == NoticeKind.Hint), issued.Count(n => n.Kind == NoticeKind.Supervision));
        }

        return issued;
    }

    /// <summary>
    /// Ouhai's rule, recorded: a red seen while more than the red band behind (for whatever reason it is red) stands until
    /// the shortfall is made up or the task is done. A task waiting for 销号 keeps it: sent back, it is as far behind as before.
    /// </summary>
    private void RememberRedUntilMadeUp(PlanTask task, LightResult light, DateOnly today)
    {
        if (task.Status == PlanTaskStatus.Done || (task.Status != PlanTaskStatus.CloseRequested && light.BehindPoints == 0))
        {
            task.RedUntilMadeUpSince = null;
        }
        else if (light.Light == Light.Red && light.BehindPoints > lights.Thresholds.RedBehindPoints)
        {
            task.RedUntilMadeUpSince ??= today;
        }
    }

    /// <summary>The form to the owner, when the bot can reach them; a reply to it is its 反馈.</summary>
    private void Send(PlanBotDbContext db, Notice notice, DateTime now)
    {
        if (notice.Member is not { ChatId: { } chatId, Reachable: true } owner)
        {
            return;
        }

        // The form carries the key of a question about the notice, which only a reply answers (it is closed to plain
        // messages from the start).
        var question = new Prompt
        {
            Key = Guid.NewGuid(),
            ChatId = chatId,
            MemberId = owner.Id,
            TaskId = notice.TaskId,
            Intent = PromptIntent.NoticeReply,
            Notice = notice,
            AskedAtUtc = now,
            OpenUntilUtc = now,
        };
        db.Prompts.Add(question);
        db.Enqueue(now, messages.ForOwner(notice, owner, question.Key));
    }

    /// <summary>
    /// Which notice a change of light calls for: a 督办单 when it turns red (from any other light, or at the first watch),
    /// a 提示单 when it turns yellow for being behind from green (or a yellow of another reason). A red easing to yellow
    /// calls for none: its 督办单 is still being answered.
    /// </summary>
    public static NoticeKind? NoticeFor(Light? was, LightResult now) => now switch
    {
        { Light: Light.Red } when was != Light.Red => NoticeKind.Supervision,
        { Light: Light.AtRisk, Reason: LightReason.BehindSchedule } when was != Light.Red => NoticeKind.Hint,
        _ => null,
    };

    /// <summary>The reply deadline: the configured number of working days after the day of issue.</summary>
    private DateOnly ReplyBy(DateOnly issuedOn)
    {
        var day = issuedOn;
        for (var i = 0; i < options.Value.ReplyWorkingDays; i++)
        {
            day = calendar.NextWorkingDay(day.AddDays(1));
        }

        return day;
    }
}
