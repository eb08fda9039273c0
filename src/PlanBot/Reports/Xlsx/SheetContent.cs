namespace PlanBot.Reports.Xlsx;

/// <summary>A column of a sheet: its header and how a row's item gives its cell.</summary>
public sealed record SheetColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// One worksheet to write: its tab name, an optional title row above the table, the header and the rows. A cell is a
/// string, a whole or decimal number, a date (<see cref="DateOnly"/>), a local date and time (<see cref="DateTime"/>)
/// or null (empty).
/// </summary>
public sealed record SheetContent(string Name, string? Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>A sheet with one row per item, the columns in the order given.</summary>
    public static SheetContent Of<T>(string name, string? title, IReadOnlyList<SheetColumn<T>> columns, IEnumerable<T> items) => new(
        name,
        title,
        [.. columns.Select(c => c.Header)],
        [.. items.Select(item => (IReadOnlyList<object?>)[.. columns.Select(c => c.Value(item))])]);
}
