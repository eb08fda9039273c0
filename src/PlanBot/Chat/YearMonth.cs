using System.Globalization;

namespace PlanBot.Chat;

/// <summary>A calendar month, as typed in /report 2024-05.</summary>
public readonly record struct YearMonth(int Year, int Month)
{
    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = new YearMonth(day.Year, day.Month);
        return true;
    }

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
