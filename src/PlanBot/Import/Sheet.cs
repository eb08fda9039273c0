namespace PlanBot.Import;

/// <summary>One data row of a sheet, numbered as a spreadsheet shows it (the header is row 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A CSV file or the first worksheet of an XLSX file: a header row and data rows, every cell as trimmed text.</summary>
public sealed class Sheet(string file, IReadOnlyList<string> header, IReadOnlyList<SheetRow> rows)
{
    private readonly Dictionary<string, int> _columns = header
        .Select((name, index) => (Name: name.Trim().ToLowerInvariant(), Index: index))
        .Where(c => c.Name.Length > 0)
        .GroupBy(c => c.Name)
        .ToDictionary(g => g.Key, g => g.First().Index);

    public string File { get; } = file;

    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<SheetRow> Rows { get; } = rows;

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The same sheet with its header names replaced (an empty name is a column that is skipped).</summary>
    public Sheet WithHeader(Func<string, string> rename) => new(File, [.. Header.Select(rename)], Rows);

    /// <summary>The trimmed cell, or null when the column is absent or the cell is empty.</summary>
    public string? Cell(SheetRow row, string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= row.Cells.Count)
        {
            return null;
        }

        var value = row.Cells[index] is { } text ? Plans.PlainText.Clean(text).Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Reports missing required columns, unknown columns (usually typos) and repeated ones, all against row 1.</summary>
    public void CheckHeader(IReadOnlyList<string> required, IReadOnlyList<string> known, ImportErrors errors)
    {
        var header = RecordRef.Row(1);
        foreach (var column in required.Where(c => !Has(c)))
        {
            errors.Add(header.Record, $"missing column '{column}'");
        }

        var seen = new HashSet<string>();
        foreach (var name in Header.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0))
        {
            if (!known.Contains(name))
            {
                errors.Add(header.At(name), $"unknown column (expected {string.Join(", ", known)})");
            }
            else if (!seen.Add(name))
            {
                errors.Add(header.At(name), "column appears twice");
            }
        }
    }
}
