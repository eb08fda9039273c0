namespace PlanBot.Plans;

/// <summary>The three lists (三张清单) a plan is organised in.</summary>
public enum WorkList
{
    /// <summary>重点工作, code prefix K.</summary>
    Key,

    /// <summary>亮点工作, code prefix H.</summary>
    Highlight,

    /// <summary>难点工作, code prefix D.</summary>
    Difficulty,
}

public static class WorkLists
{
    public static IReadOnlyList<WorkList> All { get; } = [WorkList.Key, WorkList.Highlight, WorkList.Difficulty];

    public static char CodePrefix(this WorkList list) => list switch
    {
        WorkList.Key => 'K',
        WorkList.Highlight => 'H',
        WorkList.Difficulty => 'D',
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    public static string ChineseName(this WorkList list) => list switch
    {
        WorkList.Key => "重点工作",
        WorkList.Highlight => "亮点工作",
        WorkList.Difficulty => "难点工作",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    public static string EnglishName(this WorkList list) => list switch
    {
        WorkList.Key => "Key work",
        WorkList.Highlight => "Highlight work",
        WorkList.Difficulty => "Difficult work",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    /// <summary>
    /// Accepts what people type: key/highlight/difficulty, their first letters, and 重点/亮点/难点 (with or without 工作).
    /// </summary>
    public static bool TryParse(string? text, out WorkList list)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "key" or "k" or "重点" or "重点工作":
                list = WorkList.Key;
                return true;
            case "highlight" or "h" or "亮点" or "亮点工作":
                list = WorkList.Highlight;
                return true;
            case "difficulty" or "difficult" or "d" or "难点" or "难点工作":
                list = WorkList.Difficulty;
                return true;
            default:
                list = default;
                return false;
        }
    }
}
