using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace PlanBot.Import;

/// <summary>One merged range of a worksheet, 1-based rows and 0-based columns, as written ("D2:D4").</summary>
public sealed record MergedRange(string Reference, int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>
/// The merged ranges of an XLSX file's first worksheet. MiniExcel reads a merged range as its top-left value and
/// empty cells under it, which silently loses whatever the merge meant (an owner merged down over three tasks owns
/// one): <see cref="SheetReader"/> uses these ranges to give the covered cells their value or refuse the file.
/// </summary>
public static class XlsxMergedCells
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <exception cref="InvalidDataException">The file is not a readable workbook.</exception>
    public static IReadOnlyList<MergedRange> Read(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (FirstWorksheet(zip) is not { } sheet)
            {
                return [];
            }

            using var stream = sheet.Open();
            // Only the merge list is wanted: stream past the cells instead of loading a large sheet into a tree.
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            var ranges = new List<MergedRange>();
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "mergeCell" }
                    && reader.GetAttribute("ref") is { } reference
                    && Parse(reference) is { } range)
                {
                    ranges.Add(range);
                }
            }

            return ranges;
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"the workbook cannot be read ({e.Message})", e);
        }
    }

    /// <summary>"D2:D4" or "B7" (a range of one cell); null for anything else.</summary>
    public static MergedRange? Parse(string reference)
    {
        var corners = reference.Split(':');
        if (corners.Length is not (1 or 2) || Cell(corners[0]) is not var (row1, column1) || Cell(corners[^1]) is not var (row2, column2))
        {
            return null;
        }

        return new MergedRange(reference, Math.Min(row1, row2), Math.Min(column1, column2), Math.Max(row1, row2), Math.Max(column1, column2));
    }

    /// <summary>The 0-based index of a column letter ("A" → 0, "AA" → 26); null when it is not one.</summary>
    public static int? ColumnIndex(string letters)
    {
        if (letters.Length is 0 or > 3)
        {
            return null;
        }

        var index = 0;
        foreach (var letter in letters)
        {
            var upper = char.ToUpperInvariant(letter);
            if (upper is < 'A' or > 'Z')
            {
                return null;
            }

            index = (index * 26) + (upper - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>The column letters of a 0-based index (0 → "A").</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static (int Row, int Column)? Cell(string written)
    {
        var cell = written.Replace("$", "", StringComparison.Ordinal);
        var split = 0;
        while (split < cell.Length && char.IsAsciiLetter(cell[split]))
        {
            split++;
        }

        return ColumnIndex(cell[..split]) is { } column
               && int.TryParse(cell[split..], NumberStyles.None, CultureInfo.InvariantCulture, out var row)
               && row > 0
            ? (row, column)
            : null;
    }

    /// <summary>The first sheet in the workbook's order, as MiniExcel reads it.</summary>
    private static ZipArchiveEntry? FirstWorksheet(ZipArchive zip)
    {
        var workbook = Load(zip, "xl/workbook.xml");
        var rels = Load(zip, "xl/_rels/workbook.xml.rels");
        var id = (string?)workbook?.Root?.Element(Main + "sheets")?.Elements(Main + "sheet").FirstOrDefault()?.Attribute(Relationships + "id");
        var target = (string?)rels?.Root?.Elements(PackageRelationships + "Relationship")
            .FirstOrDefault(r => (string?)r.Attribute("Id") == id)?.Attribute("Target");
        if (target is null)
        {
            return zip.GetEntry("xl/worksheets/sheet1.xml");
        }

        var name = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        return zip.GetEntry(name);
    }

    private static XDocument? Load(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
