using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanBot.Tests.Cli;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Import;

/// <summary>Files as spreadsheet programs really write them, through the CLI's <c>import plan</c>: merged cells, other encodings, many errors.</summary>
public sealed class ImportEdgeTests : IAsyncLifetime
{
    private const string Owner = "投资科负责人";

    private TestDatabase _database = null!;
    private CliRunner _cli = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _cli = new CliRunner(_database);
        // Migrates and seeds the 2024 plan and roster.
        Assert.Equal(0, (await _cli.RunAsync("members", "list")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Owner_merged_over_three_rows_owns_all_three_tasks()
    {
        // As a bureau's sheet often has it: one owner cell merged down over the rows of the tasks they own.
        var path = WriteXlsx(
            [["K-21", "key", "合并一", Owner, "2024-09-30"], ["K-22", "key", "合并二", null, "2024-09-30"], ["K-23", "key", "合并三", null, "2024-09-30"]],
            "D2:D4");

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = _database.CreateContext();
        var owners = await db.Tasks.Where(t => t.Code.StartsWith("K-2")).OrderBy(t => t.Code)
            .Select(t => new { t.Code, Owner = t.Owner!.Name }).ToListAsync();
        Assert.Equal(["K-21", "K-22", "K-23"], owners.Select(o => o.Code));
        Assert.All(owners, o => Assert.Equal(Owner, o.Owner));
    }

    [Fact]
    public async Task Cells_merged_across_columns_are_refused_with_row_and_columns_and_change_nothing()
    {
        // Title merged into detail: copying it would invent a detail, leaving detail empty would lose nothing but
        // hide the merge; the user is asked to unmerge.
        var path = WriteXlsx([["K-21", "key", "跨列标题", Owner, "2024-09-30"]], "C2:E2", header: ["code", "list", "title", "owner", "deadline"]);
        var before = await ImportTestData.CountRowsAsync(_database);

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}: row 2, column title: cells C2:E2 are merged across columns title, owner, deadline", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    [Fact]
    public async Task Bidi_and_invisible_characters_are_removed_from_imported_titles_and_names()
    {
        // U+202E turns the rest of a title around on every card; U+2066/U+2069 around a name made it a stranger.
        var path = Track(ImportTestData.WriteCsv($"K-21,key,,,\u202E新任务\u200B一,\u2067细化\u2069,,\u2066{Owner}\u2069,,2024-09-30,,,,"));

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.Owner).SingleAsync(t => t.Code == "K-21");
        Assert.Equal(("新任务一", "细化", Owner), (task.Title, task.Detail, task.Owner!.Name));
    }

    /// <summary>
    /// An XLSX written by MiniExcel, then given a <c>mergeCells</c> element the way Excel writes one: the value in the
    /// top-left cell, the other covered cells present but empty.
    /// </summary>
    [Fact]
    public async Task Excel_unicode_text_is_read_as_utf16_with_its_tabs()
    {
        // What Excel writes for "Unicode text (*.txt)": UTF-16 little-endian with a byte order mark, tab-separated.
        var path = Track(ImportTestData.TempFile(".txt"));
        var text = ImportTestData.CsvHeader.Replace(',', '\t') + "\r\nK-31\tkey\t\t\t统一文本导入\t\t\t" + Owner + "\t\t2024-09-30\t\t\t\t\r\n";
        await File.WriteAllBytesAsync(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.Owner).SingleAsync(t => t.Code == "K-31");
        Assert.Equal("统一文本导入", task.Title);
        Assert.Equal(Owner, task.Owner!.Name);
    }

    [Fact]
    public async Task A_utf16_csv_without_a_byte_order_mark_is_read_as_utf16_not_as_mojibake()
    {
        var path = Track(ImportTestData.TempFile(".csv"));
        var text = ImportTestData.CsvHeader + "\nK-32,key,,,无标记的统一码,,," + Owner + ",,2024-09-30,,,,\n";
        await File.WriteAllBytesAsync(path, new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(text));

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = _database.CreateContext();
        Assert.Equal("无标记的统一码", await db.Tasks.Where(t => t.Code == "K-32").Select(t => t.Title).SingleAsync());
    }

    [Fact]
    public async Task Thousands_of_errors_print_the_first_hundred_and_a_count_and_change_nothing()
    {
        // 2,000 well-formed codes (three digits, three lists), each with a deadline that is not a date.
        var rows = Enumerable.Range(0, 2000).Select(i => $"{"KHD"[i / 900]}-{100 + i % 900},{ListOf(i / 900)},,,任务{i},,,{Owner},,not-a-date,,,,");
        var path = Track(ImportTestData.TempFile(".csv"));
        await File.WriteAllLinesAsync(path, [ImportTestData.CsvHeader, .. rows]);
        var before = await ImportTestData.CountRowsAsync(_database);

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(101, result.ErrorLines.Count);
        Assert.StartsWith(path + ": row 2, column deadline", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(path + ": 1,900 more problems not shown; fix these and import again", result.ErrorLines[100]);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    private static string ListOf(int index) => index switch { 0 => "key", 1 => "highlight", _ => "difficulty" };

    private string WriteXlsx(string?[][] rows, string mergedRange, string[]? header = null)
    {
        header ??= ["code", "list", "title", "owner", "deadline"];
        var path = Track(ImportTestData.TempFile(".xlsx"));
        MiniExcel.SaveAs(path, rows.Select(r => header.Select((h, i) => (h, v: (object?)r[i] ?? "")).ToDictionary(c => c.h, c => c.v)).ToList());

        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        XDocument sheet;
        using (var stream = entry.Open())
        {
            sheet = XDocument.Load(stream);
        }

        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var covered = Cells(mergedRange).Skip(1).ToHashSet();
        foreach (var cell in sheet.Descendants(ns + "c").Where(c => covered.Contains((string)c.Attribute("r")!)))
        {
            cell.RemoveNodes();
            cell.Attribute("t")?.Remove();
        }

        var merge = new XElement(ns + "mergeCells", new XAttribute("count", 1), new XElement(ns + "mergeCell", new XAttribute("ref", mergedRange)));
        var sheetData = sheet.Root!.Element(ns + "sheetData")!;
        (sheet.Root.Element(ns + "autoFilter") ?? sheetData).AddAfterSelf(merge);
        entry.Delete();
        using (var stream = zip.CreateEntry(entry.FullName).Open())
        {
            sheet.Save(stream);
        }

        return path;
    }

    /// <summary>The cells of a range like "D2:D4", top-left first.</summary>
    private static IEnumerable<string> Cells(string range)
    {
        var corners = range.Split(':');
        var (c1, r1) = (corners[0][0], int.Parse(corners[0][1..], CultureInfo.InvariantCulture));
        var (c2, r2) = (corners[1][0], int.Parse(corners[1][1..], CultureInfo.InvariantCulture));
        for (var r = r1; r <= r2; r++)
        {
            for (var c = c1; c <= c2; c++)
            {
                yield return $"{c}{r}";
            }
        }
    }

    private string Track(string path)
    {
        _files.Add(path);
        return path;
    }
}
