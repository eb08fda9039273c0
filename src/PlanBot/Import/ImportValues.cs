using System.Globalization;

namespace PlanBot.Import;

/// <summary>Parsing of the plain values an import file holds, shared by the plan and roster importers.</summary>
public static class ImportValues
{
    private static readonly string[] _dateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d"];

    /// <summary>YYYY-MM-DD; also 2024/3/29 as a Chinese Excel shows dates.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string NotADate(string text) => $"'{text}' is not a date (YYYY-MM-DD)";

    public static bool TryParseNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>true/false, yes/no, 1/0, 是/否; empty is false.</summary>
    public static bool TryParseFlag(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "no" or "n" or "0" or "否":
                value = false;
                return true;
            case "true" or "yes" or "y" or "1" or "是":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
