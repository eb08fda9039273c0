namespace PlanBot.Import;

/// <summary>The column names of the tabular (CSV/XLSX) plan layout; the JSON reader maps its names onto these.</summary>
public static class PlanColumns
{
    public const string Code = "code";
    public const string List = "list";
    public const string Section = "section";
    public const string Item = "item";
    public const string Title = "title";
    public const string Detail = "detail";
    public const string LeadUnit = "lead_unit";
    public const string Owner = "owner";
    public const string CoOwners = "co_owners";
    public const string StartDate = "start_date";
    public const string Deadline = "deadline";
    public const string Milestones = "milestones";
    public const string TargetValue = "target_value";
    public const string TargetUnit = "target_unit";
    public const string TargetLabel = "target_label";
    public const string Defaults = "defaults";
    public const string Year = "year";
    public const string Organisation = "organisation";

    /// <summary>Every sheet must have these.</summary>
    public static IReadOnlyList<string> Required { get; } = [Code, List, Title, Owner, Deadline];

    /// <summary>Columns a sheet may leave out so that an update keeps the stored values (a new task gets empty ones).</summary>
    public static IReadOnlyList<string> Optional { get; } =
        [Section, Item, Detail, LeadUnit, CoOwners, StartDate, Milestones, TargetValue, Defaults];

    /// <summary>Every column a sheet may have, in the order an export writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Code, List, Section, Item, Title, Detail, LeadUnit, Owner, CoOwners, StartDate, Deadline, Milestones,
        TargetValue, TargetUnit, TargetLabel, Defaults, Year, Organisation,
    ];
}

/// <summary>The column names of the tabular roster layout (seeds/roster.sample.csv).</summary>
public static class RosterColumns
{
    public const string Name = "name";
    public const string Unit = "unit";
    public const string Roles = "roles";
    public const string TelegramUserId = "telegram_user_id";
    public const string Language = "language";

    public static IReadOnlyList<string> Required { get; } = [Name, Roles];

    public static IReadOnlyList<string> All { get; } = [Name, Unit, Roles, TelegramUserId, Language];
}
