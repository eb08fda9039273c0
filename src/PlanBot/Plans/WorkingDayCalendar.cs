using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanBot.Plans;

/// <summary>
/// China's working days: a date is a working day if it is an official make-up working day (调休上班),
/// or a Monday–Friday that is not an official holiday. Quartz calendars can only exclude days,
/// so scheduled jobs ask this calendar whether to run.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, string> _holidays;
    private readonly Dictionary<DateOnly, string> _makeupDays;

    public WorkingDayCalendar(IReadOnlyDictionary<DateOnly, string> holidays, IReadOnlyDictionary<DateOnly, string> makeupDays, IReadOnlyCollection<int> years)
    {
        _holidays = new(holidays);
        _makeupDays = new(makeupDays);
        Years = years;
    }

    /// <summary>The years the official schedule is known for; outside them only weekends are days off.</summary>
    public IReadOnlyCollection<int> Years { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeupDays.ContainsKey(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.ContainsKey(date);
    }

    public string? HolidayName(DateOnly date) => _holidays.GetValueOrDefault(date);

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public static WorkingDayCalendar Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<HolidayFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty holiday file.");
        var holidays = new Dictionary<DateOnly, string>();
        var makeup = new Dictionary<DateOnly, string>();
        foreach (var (year, days) in file.Years)
        {
            foreach (var h in days.Holidays)
            {
                holidays[h.Date] = h.Name;
            }

            foreach (var m in days.MakeupWorkdays)
            {
                makeup[m.Date] = m.Name;
            }
        }

        return new WorkingDayCalendar(holidays, makeup, file.Years.Keys.Select(int.Parse).ToList());
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record HolidayFile(Dictionary<string, HolidayYear> Years);

    private sealed record HolidayYear(
        List<NamedDay> Holidays,
        [property: JsonPropertyName("makeupWorkdays")] List<NamedDay> MakeupWorkdays);

    private sealed record NamedDay(DateOnly Date, string Name);
}
