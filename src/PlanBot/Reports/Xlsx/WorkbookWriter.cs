using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanBot.Reports.Xlsx;

/// <summary>
/// Writes sheets as an .xlsx a clerk can forward and print: a title row when the sheet has one (merged across the table,
/// bold, larger), a bold header with a solid fill and borders, frozen under the header; dates as real dates, numbers as
/// numbers; columns as wide as their text; printed landscape, one page wide.
/// </summary>
/// <remarks>
/// MiniExcel (which reads imports) writes no styles; the Open XML SDK does. Rows are streamed with
/// <see cref="OpenXmlWriter"/>, so a plan's whole history does not become a tree of objects. Strings are inline:
/// Excel, WPS, LibreOffice and MiniExcel all read them, and no shared-string table has to be held.
/// </remarks>
public static class WorkbookWriter
{
    /// <summary>A column is never narrower than this (in widths of a "0")…</summary>
    public const double MinColumnWidth = 8;

    /// <summary>…nor wider: a long note stays in one row and is read in the cell or the formula bar.</summary>
    public const double MaxColumnWidth = 60;

    // Excel's limit for one cell.
    private const int MaxCellText = 32767;

    public static byte[] Write(IReadOnlyList<SheetContent> sheets, string fontName)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Create(fontName);
            var entries = new Sheets();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                WriteSheet(part, sheet, selected: id == 1);
                entries.Append(new Sheet { Name = sheet.Name, SheetId = id++, Id = workbookPart.GetIdOfPart(part) });
            }

            workbookPart.Workbook = new Workbook(entries);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A copy of a workbook this writer made, with <paramref name="sheets"/> added after its own (in its stylesheet and
    /// font): for a part worked out when the workbook is delivered rather than stored with it.
    /// </summary>
    public static byte[] Append(byte[] workbook, IReadOnlyList<SheetContent> sheets)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbookPart = document.WorkbookPart!;
            var entries = workbookPart.Workbook!.Sheets!;
            var id = entries.Elements<Sheet>().Select(s => s.SheetId!.Value).DefaultIfEmpty(0u).Max() + 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                WriteSheet(part, sheet, selected: false);
                entries.Append(new Sheet { Name = sheet.Name, SheetId = id++, Id = workbookPart.GetIdOfPart(part) });
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void WriteSheet(WorksheetPart part, SheetContent sheet, bool selected)
    {
        var headerRow = sheet.Title is null ? 1u : 2u;
        var lastColumn = ColumnName(sheet.Headers.Count - 1);
        var widths = ColumnWidths(sheet);

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = headerRow,
                TopLeftCell = $"A{headerRow + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{headerRow + 1}" } })
        {
            WorkbookViewId = 0,
            TabSelected = selected,
        }));
        writer.WriteElement(new Columns(widths.Select((width, i) => new Column
        {
            Min = (uint)i + 1,
            Max = (uint)i + 1,
            Width = width,
            CustomWidth = true,
        })));

        writer.WriteStartElement(new SheetData());
        if (sheet.Title is not null)
        {
            writer.WriteStartElement(new Row { RowIndex = 1, Height = 30, CustomHeight = true });
            writer.WriteElement(TextCell("A1", sheet.Title, WorkbookStyles.Title));
            // The merged cells keep the title's style, so the range is drawn as one.
            for (var c = 1; c < sheet.Headers.Count; c++)
            {
                writer.WriteElement(new Cell { CellReference = $"{ColumnName(c)}1", StyleIndex = WorkbookStyles.Title });
            }

            writer.WriteEndElement();
        }

        var merges = new List<string>();
        if (sheet.Title is not null && sheet.Headers.Count > 1)
        {
            merges.Add($"A1:{lastColumn}1");
        }

        WriteRow(writer, headerRow, sheet.Headers.Cast<object?>().ToList(), header: true, wrap: false);
        var number = headerRow;
        foreach (var row in sheet.Rows)
        {
            number++;
            if (row.Count > 0 && row[0] is SheetSection section)
            {
                writer.WriteStartElement(new Row { RowIndex = number });
                writer.WriteElement(TextCell($"A{number}", section.Text, WorkbookStyles.Section));
                for (var c = 1; c < sheet.Headers.Count; c++)
                {
                    writer.WriteElement(new Cell { CellReference = $"{ColumnName(c)}{number}", StyleIndex = WorkbookStyles.Section });
                }

                writer.WriteEndElement();
                if (sheet.Headers.Count > 1)
                {
                    merges.Add($"A{number}:{lastColumn}{number}");
                }

                continue;
            }

            WriteRow(writer, number, row, header: false, wrap: sheet.WrapText);
        }

        writer.WriteEndElement();

        if (merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        }

        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, IReadOnlyList<object?> cells, bool header, bool wrap)
    {
        var cellStyle = wrap ? WorkbookStyles.WrappedCell : WorkbookStyles.Cell;
        writer.WriteStartElement(new Row { RowIndex = number });
        for (var c = 0; c < cells.Count; c++)
        {
            var reference = $"{ColumnName(c)}{number}";
            writer.WriteElement(cells[c] switch
            {
                _ when header => TextCell(reference, cells[c]?.ToString() ?? "", WorkbookStyles.Header),
                null => new Cell { CellReference = reference, StyleIndex = cellStyle },
                string text => TextCell(reference, text, cellStyle),
                int n => new Cell { CellReference = reference, StyleIndex = cellStyle, CellValue = new CellValue(n) },
                long n => new Cell { CellReference = reference, StyleIndex = cellStyle, CellValue = new CellValue((decimal)n) },
                decimal n => new Cell { CellReference = reference, StyleIndex = cellStyle, CellValue = new CellValue(n) },
                double n => new Cell { CellReference = reference, StyleIndex = cellStyle, CellValue = new CellValue(n) },
                // A date is a number of days (Excel's serial date) shown through a date format: Excel sorts and filters it as a date.
                DateOnly d => new Cell { CellReference = reference, StyleIndex = WorkbookStyles.Date, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate()) },
                DateTime t => new Cell { CellReference = reference, StyleIndex = WorkbookStyles.DateTime, CellValue = new CellValue(t.ToOADate()) },
                var other => TextCell(reference, other.ToString() ?? "", cellStyle),
            });
        }

        writer.WriteEndElement();
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(Printable(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>A note typed in a chat may hold characters XML cannot carry (control characters); they are left out.</summary>
    private static string Printable(string text)
    {
        var cut = text.Length > MaxCellText ? text[..MaxCellText] : text;
        var kept = new StringBuilder(cut.Length);
        for (var i = 0; i < cut.Length; i++)
        {
            if (XmlConvert.IsXmlChar(cut[i]))
            {
                kept.Append(cut[i]);
            }
            else if (i + 1 < cut.Length && XmlConvert.IsXmlSurrogatePair(cut[i + 1], cut[i]))
            {
                kept.Append(cut, i++, 2);
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// Each column as wide as its widest cell or header, within limits; all of them widened alike when the title would
    /// not fit over the table (a merged cell cuts off what does not fit).
    /// </summary>
    private static List<double> ColumnWidths(SheetContent sheet)
    {
        // A section heading spans the table: it does not widen its first column.
        var rows = sheet.Rows.Where(row => row.Count == 0 || row[0] is not SheetSection).ToList();
        var widths = sheet.Headers
            .Select((header, c) => rows.Select(row => TextWidth.Of(TextWidth.Shown(row[c]))).Append(TextWidth.Of(header)).Max())
            .Select(width => Math.Clamp(width + 2, MinColumnWidth, MaxColumnWidth))
            .ToList();
        if (sheet.Title is not null && widths.Count > 0)
        {
            var scale = (TextWidth.Of(sheet.Title) * WorkbookStyles.TitleFontSize / WorkbookStyles.FontSize + 2) / widths.Sum();
            if (scale > 1)
            {
                widths = [.. widths.Select(w => Math.Ceiling(w * scale))];
            }
        }

        return widths;
    }

    /// <summary>A, B, …, Z, AA, … for the column at <paramref name="index"/> (A = 0).</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
