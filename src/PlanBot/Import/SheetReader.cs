using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace PlanBot.Import;

/// <summary>
/// Reads a delimited text file (CsvHelper; .csv, or .txt/.tsv as Excel saves "Unicode text") or an XLSX file
/// (MiniExcel, first worksheet) into a <see cref="Sheet"/>.
/// </summary>
public static class SheetReader
{
    public static bool IsSheet(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".txt" or ".tsv" or ".xlsx";

    /// <summary>The sheet, or null after adding the reason the file cannot be read to <paramref name="errors"/>.</summary>
    public static Sheet? Read(string path, ImportErrors errors)
    {
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" or ".txt" or ".tsv" => ReadCsv(path, errors.File),
                ".xlsx" => ReadXlsx(path, errors),
                var other => throw new InvalidDataException($"'{other}' files cannot be imported (use .csv, .txt, .tsv or .xlsx)"),
            };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
                                      or CsvFormatException or InvalidOperationException)
        {
            errors.AddForFile(e is FileNotFoundException or DirectoryNotFoundException ? ImportErrors.NotFound(path) : e.Message);
            return null;
        }
    }

    private static Sheet ReadCsv(string path, string file)
    {
        using var reader = CsvReader.FromText(
            TextFileDecoder.Decode(File.ReadAllBytes(path)), new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        var header = reader.Headers.ToList();
        var rows = new List<SheetRow>();
        // A spreadsheet shows one row per line, blank lines included, except that a quoted cell's line breaks stay
        // inside its row: so the row is the record's first line minus the line breaks inside earlier records.
        long breaksInsideCells = 0;
        foreach (var record in reader)
        {
            var cells = new string?[record.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = record.GetString(i);
            }

            rows.Add(new SheetRow(checked((int)(reader.LineNumber - breaksInsideCells)), cells));
            breaksInsideCells += record.RawRecord.Count((byte)'\n');
        }

        return new Sheet(file, header, rows);
    }

    private static Sheet ReadXlsx(string path, ImportErrors errors)
    {
        try
        {
            return ReadWorkbook(path, errors);
        }
        catch (InvalidDataException)
        {
            // What the zip reader says ("End of Central Directory record could not be found") means nothing to a clerk.
            throw new InvalidDataException(
                "this file is not an Excel workbook (.xlsx) and cannot be read as one; open it in Excel and save it as .xlsx (Excel 工作簿), or as .csv");
        }
    }

    private static Sheet ReadWorkbook(string path, ImportErrors errors)
    {
        var header = new List<string>();
        var rows = new List<SheetRow>();
        var number = 0;
        // Without a header row MiniExcel keys cells by column letter, so a blank header cell cannot shift the columns.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
        {
            number++;
            var cells = ByColumn(row);
            if (number == 1)
            {
                header.AddRange(cells.Select(c => c ?? ""));
            }
            else
            {
                rows.Add(new SheetRow(number, cells));
            }
        }

        FillMergedCells(XlsxMergedCells.Read(path), header, rows, errors);
        return new Sheet(errors.File, header, rows);
    }

    /// <summary>The row's cells at their column's index (A = 0), whatever column MiniExcel starts at.</summary>
    private static string?[] ByColumn(IDictionary<string, object?> row)
    {
        var indexed = row.Select(c => (Index: XlsxMergedCells.ColumnIndex(c.Key), Text: CellText(c.Value))).ToList();
        if (indexed.Any(c => c.Index is null))
        {
            return [.. indexed.Select(c => c.Text)];
        }

        var cells = new string?[indexed.Count == 0 ? 0 : indexed.Max(c => c.Index!.Value) + 1];
        foreach (var (index, text) in indexed)
        {
            cells[index!.Value] = text;
        }

        return cells;
    }

    /// <summary>
    /// A range merged down one column (an owner or a unit over the rows of its tasks) gives its value to every row it
    /// covers, as the user sees it; a covered row that is otherwise empty stays a blank row. A range across columns,
    /// or one that merges the header into data rows, has no one reading and is refused with its row and column.
    /// </summary>
    private static void FillMergedCells(IReadOnlyList<MergedRange> ranges, List<string> header, List<SheetRow> rows, ImportErrors errors)
    {
        string ColumnName(int index) =>
            index < header.Count && header[index].Trim() is { Length: > 0 } name ? name : XlsxMergedCells.ColumnName(index);

        var indexOf = rows.Select((row, index) => (row.Number, index)).ToDictionary(r => r.Number, r => r.index);
        var blank = rows.Where(r => r.IsBlank).Select(r => r.Number).ToHashSet();
        foreach (var range in ranges.Where(r => r.FirstRow != r.LastRow || r.FirstColumn != r.LastColumn))
        {
            var at = RecordRef.Row(range.FirstRow).At(ColumnName(range.FirstColumn));
            if (range.FirstColumn != range.LastColumn)
            {
                var columns = Enumerable.Range(range.FirstColumn, range.LastColumn - range.FirstColumn + 1).Select(ColumnName);
                errors.Add(at, $"cells {range.Reference} are merged across columns {string.Join(", ", columns)}: unmerge them and fill each cell");
                continue;
            }

            if (range.FirstRow == 1)
            {
                errors.Add(at, $"the header cell is merged down over rows 2–{range.LastRow} ({range.Reference}): unmerge it");
                continue;
            }

            var value = indexOf.TryGetValue(range.FirstRow, out var top) && range.FirstColumn < rows[top].Cells.Count
                ? rows[top].Cells[range.FirstColumn]
                : null;
            for (var number = range.FirstRow + 1; number <= range.LastRow; number++)
            {
                if (!indexOf.TryGetValue(number, out var index) || blank.Contains(number))
                {
                    continue;
                }

                var cells = rows[index].Cells.ToList();
                while (cells.Count <= range.FirstColumn)
                {
                    cells.Add(null);
                }

                cells[range.FirstColumn] = value;
                rows[index] = rows[index] with { Cells = cells };
            }
        }
    }

    /// <summary>Dates typed as dates come back as DateTime, numbers as double: both turned into the text a CSV would hold.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
