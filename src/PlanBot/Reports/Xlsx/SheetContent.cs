namespace PlanBot.Reports.Xlsx;

/// <summary>A column of a sheet: its header and how a row's item gives its cell.</summary>
public sealed record SheetColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// A row's first cell that makes the row a section heading ("一、重点工作"): one bold cell across the whole table. The
/// row's other cells are ignored.
/// </summary>
public sealed record SheetSection(string Text);

/// <summary>
/// One worksheet to write: its tab name, an optional title row above the table, the header and the rows. A cell is a
/// string, a whole or decimal number, a date (<see cref="DateOnly"/>), a local date and time (<see cref="DateTime"/>)
/// or null (empty); a row may be a <see cref="SheetSection"/>.
/// </summary>
public sealed record SheetContent(string Name, string? Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Text wraps within its column (and rows grow), for a table of sentences that is printed and read whole.</summary>
    public bool WrapText { get; init; }

    /// <summary>A sheet with one row per item, the columns in the order given.</summary>
    public static SheetContent Of<T>(string name, string? title, IReadOnlyList<SheetColumn<T>> columns, IEnumerable<T> items) => new(
        name,
        title,
        [.. columns.Select(c => c.Header)],
        [.. items.Select(item => (IReadOnlyList<object?>)[.. columns.Select(c => c.Value(item))])]);
}
