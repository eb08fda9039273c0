using Microsoft.Extensions.Options;

namespace PlanBot.Plans;

/// <summary>Builds the light's input from a stored task; the only place that turns instants into the plan's dates.</summary>
public static class PlanTaskLight
{
    /// <remarks>Needs <see cref="PlanTask.Milestones"/> loaded.</remarks>
    public static LightInput ToLightInput(this PlanTask task, TimeZoneInfo zone) => new(
        task.Status,
        task.StartDate,
        task.Deadline,
        task.ProgressPercent,
        task.LastUpdateAtUtc is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, zone)) : null,
        task.Milestones.Select(m => new MilestoneInput(m.Date, m.ExpectedPercent, m.Title)).ToList(),
        task.RedUntilMadeUpSince is not null);
}

/// <summary>
/// The light rule with its configuration (thresholds, working days): what every feature asks for a task's light, so the
/// card, <c>/overdue</c>, the digest, the reminders and the monthly report cannot disagree.
/// </summary>
public sealed class TaskLights(WorkingDayCalendar calendar, IOptions<LightThresholds> thresholds)
{
    public LightThresholds Thresholds => thresholds.Value;

    public LightResult Of(LightInput task, DateOnly today) => StatusLight.Compute(task, today, thresholds.Value, calendar);

    /// <remarks>Needs <see cref="PlanTask.Milestones"/> loaded.</remarks>
    public LightResult Of(PlanTask task, DateOnly today, TimeZoneInfo zone) => Of(task.ToLightInput(zone), today);
}
