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
        task.Milestones.Select(m => (m.Date, m.ExpectedPercent)).ToList());

    public static LightResult LightOn(this PlanTask task, DateOnly today, TimeZoneInfo zone, LightThresholds thresholds) =>
        StatusLight.Compute(task.ToLightInput(zone), today, thresholds);
}
