using System.Globalization;
using System.Text.RegularExpressions;
using PlanBot.Plans;

namespace PlanBot.Import;

/// <summary>
/// The one-cell form of a task's milestones in CSV/XLSX: entries separated by ';' (or '；' or a line break),
/// each "YYYY-MM-DD [NN%] title", e.g. "2024-03-29 方案形成; 2024-06-28 50% 过半".
/// </summary>
public static partial class MilestoneText
{
    public static IReadOnlyList<string> SplitEntries(string? text) =>
        (text ?? "").Split([';', '；', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entry's parts, or null when it does not start with something date-like.</summary>
    public static RawMilestone? Parse(string entry)
    {
        var m = EntryPattern().Match(entry);
        return m.Success
            ? new RawMilestone(m.Groups["date"].Value, m.Groups["title"].Value.Trim(), m.Groups["percent"].Success ? m.Groups["percent"].Value : null)
            : null;
    }

    public static string Format(IEnumerable<Milestone> milestones) =>
        string.Join("; ", milestones.OrderBy(m => m.Date)
            .Select(m => $"{m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {m.ExpectedPercent}% {m.Title}"));

    // The date part is loose on purpose (e.g. 2024-13-01, 2024/3/29) so a bad date is reported as a bad date, not as a bad entry.
    [GeneratedRegex(@"^(?<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*(?:(?<percent>\d{1,3})\s*[%％]\s*)?(?<title>.*)$")]
    private static partial Regex EntryPattern();
}
