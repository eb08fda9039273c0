using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace PlanBot.Tests.Support;

/// <summary>
/// An .xlsx opened with the Open XML SDK, to check what MiniExcel cannot see: styles, number formats, widths, merged
/// cells, frozen panes, and that the file is valid against the schema Excel reads.
/// </summary>
public sealed class WorkbookFile : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly Stylesheet _styles;

    public WorkbookFile(byte[] content)
    {
        _document = SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false);
        _styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
    }

    public IReadOnlyList<string> SheetNames =>
        [.. _document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    /// <summary>What Excel would complain about when opening the file.</summary>
    public IReadOnlyList<string> SchemaErrors =>
        [.. new OpenXmlValidator().Validate(_document).Select(e => $"{e.Description} at {e.Path?.XPath}")];

    public Worksheet Sheet(string name)
    {
        var sheet = _document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet!;
    }

    public Cell Cell(string sheet, string reference) =>
        Sheet(sheet).Descendants<Cell>().Single(c => c.CellReference == reference);

    /// <summary>The text a cell holds (inline or shared), or its raw value.</summary>
    public string Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            var index = int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
            return _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable!.Elements<SharedStringItem>().ElementAt(index).InnerText;
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
    }

    public Font FontOf(Cell cell) => _styles.Fonts!.Elements<Font>().ElementAt((int)Format(cell).FontId!.Value);

    public PatternFill FillOf(Cell cell) => _styles.Fills!.Elements<Fill>().ElementAt((int)Format(cell).FillId!.Value).PatternFill!;

    public Border BorderOf(Cell cell) => _styles.Borders!.Elements<Border>().ElementAt((int)Format(cell).BorderId!.Value);

    /// <summary>The number format code of a cell ("yyyy-mm-dd"), or "General".</summary>
    public string NumberFormatOf(Cell cell)
    {
        var id = Format(cell).NumberFormatId?.Value ?? 0;
        return _styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value
               ?? (id == 0 ? "General" : $"built-in {id}");
    }

    /// <summary>The default font of the workbook: the one every cell without a font of its own is drawn in.</summary>
    public string DefaultFontName => _styles.Fonts!.Elements<Font>().First().FontName!.Val!.Value!;

    /// <summary>The width of each column, A first.</summary>
    public IReadOnlyList<double> ColumnWidths(string sheet) =>
        [.. Sheet(sheet).Elements<Columns>().Single().Elements<Column>().OrderBy(c => c.Min!.Value).Select(c => c.Width!.Value)];

    public IReadOnlyList<string> MergedRanges(string sheet) =>
        [.. Sheet(sheet).Descendants<MergeCell>().Select(m => m.Reference!.Value!)];

    /// <summary>The first cell below and right of the frozen panes (A3 under a title and a header), or null.</summary>
    public string? FrozenAt(string sheet) =>
        Sheet(sheet).Descendants<Pane>().SingleOrDefault(p => p.State?.Value == PaneStateValues.Frozen)?.TopLeftCell?.Value;

    public void Dispose() => _document.Dispose();

    private CellFormat Format(Cell cell) => _styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
}
