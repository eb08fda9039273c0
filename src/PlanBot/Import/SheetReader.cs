using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace PlanBot.Import;

/// <summary>Reads a CSV (CsvHelper) or XLSX (MiniExcel, first worksheet) file into a <see cref="Sheet"/>.</summary>
public static class SheetReader
{
    public static bool IsSheet(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".xlsx";

    /// <summary>The sheet, or null after adding the reason the file cannot be read to <paramref name="errors"/>.</summary>
    public static Sheet? Read(string path, ImportErrors errors)
    {
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => ReadCsv(path, errors.File),
                ".xlsx" => ReadXlsx(path, errors.File),
                var other => throw new InvalidDataException($"'{other}' files cannot be imported (use .csv or .xlsx)"),
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
            DecodeText(File.ReadAllBytes(path)), new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
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

    /// <summary>
    /// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030: what Excel on a Chinese Windows
    /// writes when it saves "CSV (逗号分隔)".
    /// </summary>
    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static Sheet ReadXlsx(string path, string file)
    {
        var header = new List<string>();
        var rows = new List<SheetRow>();
        var number = 0;
        // Without a header row MiniExcel keys cells by column letter, so a blank header cell cannot shift the columns.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
        {
            number++;
            var cells = row.Values.Select(CellText).ToList();
            if (number == 1)
            {
                header.AddRange(cells.Select(c => c ?? ""));
            }
            else
            {
                rows.Add(new SheetRow(number, cells));
            }
        }

        return new Sheet(file, header, rows);
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
