using System.Globalization;

namespace PlanBot.Plans;

/// <summary>A calendar month, written "yyyy-MM" (what /report and the CLI take).</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public YearMonth Previous => Of(FirstDay.AddMonths(-1));

    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM", "yyyy-M", "yyyy/MM", "yyyyMM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            month = Of(date);
            return true;
        }

        return false;
    }

    public int CompareTo(YearMonth other) => FirstDay.CompareTo(other.FirstDay);

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;

    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;

    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
