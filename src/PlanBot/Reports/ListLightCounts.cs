using PlanBot.Plans;

namespace PlanBot.Reports;

/// <summary>How many tasks of one list have each light.</summary>
/// <param name="Red">Overdue or behind a milestone.</param>
public sealed record ListLightCounts(WorkList List, int Red, int AtRisk, int OnTrack, int Done)
{
    public int Total => Red + AtRisk + OnTrack + Done;

    public static IReadOnlyList<ListLightCounts> Count(IEnumerable<(WorkList List, Light Light)> tasks)
    {
        var all = tasks.ToList();
        return WorkLists.All
            .Select(list =>
            {
                var lights = all.Where(t => t.List == list).Select(t => t.Light).ToList();
                return new ListLightCounts(
                    list,
                    lights.Count(l => l == Light.Red),
                    lights.Count(l => l == Light.AtRisk),
                    lights.Count(l => l == Light.OnTrack),
                    lights.Count(l => l == Light.Done));
            })
            .ToList();
    }
}
