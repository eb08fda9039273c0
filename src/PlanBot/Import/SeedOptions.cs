namespace PlanBot.Import;

/// <summary>
/// What a new database is filled with (PlanBot:SeedPlanPath, PlanBot:SeedRosterPath). Relative paths are looked up
/// in the working folder, then beside the executable; an empty path skips that seed.
/// </summary>
public sealed class SeedOptions
{
    public const string Section = "PlanBot";

    /// <summary>Imported when the database has no plan yet.</summary>
    public string SeedPlanPath { get; set; } = "seeds/plan-2024.json";

    /// <summary>Imported with the seed plan when the roster is empty.</summary>
    public string SeedRosterPath { get; set; } = "seeds/roster.sample.csv";
}
