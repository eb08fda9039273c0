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

    /// <summary>
    /// The Chinese headers `export --out` writes on its 任务 sheet, each read as the column it holds, so an export
    /// imports as it is. Any sheet may use them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["编号"] = Code,
        ["清单"] = List,
        ["任务"] = Title,
        ["牵头单位"] = LeadUnit,
        ["责任人"] = Owner,
        ["协办责任人"] = CoOwners,
        ["开始"] = StartDate,
        ["截止"] = Deadline,
        ["节点"] = Milestones,
        ["目标值"] = TargetValue,
        ["单位"] = TargetUnit,
        ["目标说明"] = TargetLabel,
    };

    /// <summary>
    /// Columns only an export has: what owners reported (light, progress, status, blocker, last update) and the original
    /// deadline. An import never sets these (progress and history come from the owners), so it skips them.
    /// </summary>
    public static IReadOnlySet<string> ExportOnly { get; } = new HashSet<string> { "亮灯", "进度%", "当前值", "原定截止", "状态", "困难", "最近更新" };

    /// <summary>The plan column a header names (an alias read as its column), or "" for an export-only column, which is skipped.</summary>
    public static string Canonical(string header)
    {
        var name = header.Trim().ToLowerInvariant();
        return Aliases.TryGetValue(name, out var column) ? column : ExportOnly.Contains(name) ? "" : name;
    }
}

/// <summary>The column names of the tabular roster layout (seeds/roster.sample.csv).</summary>
public static class RosterColumns
{
    public const string Name = "name";
    public const string Unit = "unit";
    public const string Roles = "roles";
    public const string TelegramUserId = "telegram_user_id";
    public const string DingTalkUserId = "dingtalk_user_id";
    public const string Language = "language";

    public static IReadOnlyList<string> Required { get; } = [Name, Roles];

    public static IReadOnlyList<string> All { get; } = [Name, Unit, Roles, TelegramUserId, DingTalkUserId, Language];

    /// <summary>Chinese headings a bureau's own sheet may use.</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["钉钉用户id"] = DingTalkUserId,
        ["钉钉id"] = DingTalkUserId,
    };

    /// <summary>The column a header names (a Chinese alias read as its column), lower case.</summary>
    public static string Canonical(string header)
    {
        var name = header.Trim().ToLowerInvariant();
        return Aliases.GetValueOrDefault(name, name);
    }
}
