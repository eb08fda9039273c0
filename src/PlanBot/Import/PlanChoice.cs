namespace PlanBot.Import;

/// <summary>
/// Which plan a CSV/XLSX file goes into when it has no year/organisation columns (the CLI's --year and --organisation).
/// JSON files always name their plan.
/// </summary>
public sealed record PlanChoice(int? Year = null, string? Organisation = null)
{
    public static PlanChoice FromFile { get; } = new();
}
