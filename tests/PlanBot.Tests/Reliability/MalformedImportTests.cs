using System.Text;
using MiniExcelLibs;
using PlanBot.Tests.Cli;
using PlanBot.Tests.Import;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reliability;

/// <summary>Import files that are broken rather than wrong: each is refused with exit code 2, a message naming the file and where, and no change.</summary>
public sealed class MalformedImportTests : IAsyncLifetime
{
    private const string Row = "K-09,key,,,新任务,,,投资科负责人,,2024-09-30,,,,";

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

    public static TheoryData<string, string> BrokenPlans => new()
    {
        { "garbage.csv", "row" },
        { "truncated.xlsx", "" },
        { "not-a-zip.xlsx", "" },
        { "wrong-types.json", "tasks[0]" },
        { "tasks-not-a-list.json", "tasks" },
        { "truncated.json", "" },
    };

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public async Task Broken_plan_file_exits_2_with_where_and_changes_nothing(string kind, string where)
    {
        var path = Write(kind);
        var before = await ImportTestData.CountRowsAsync(_database);

        var result = await _cli.RunAsync("import", "plan", path);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.ErrorLines);
        Assert.All(result.ErrorLines, l => Assert.StartsWith(path + ":", l, StringComparison.Ordinal));
        Assert.Contains(where, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    [Fact]
    public async Task Roster_in_the_wrong_encoding_exits_2_and_changes_nothing()
    {
        var path = Track(ImportTestData.TempFile(".csv"));
        await File.WriteAllBytesAsync(path, Gb18030().GetBytes("name,unit,roles,telegram_user_id,language\n统计科负责人,区发改局统计科,老板,,zh\n"));
        var before = await ImportTestData.CountRowsAsync(_database);

        var result = await _cli.RunAsync("import", "roster", path);

        Assert.Equal(2, result.ExitCode);
        Assert.All(result.ErrorLines, l => Assert.StartsWith(path + ":", l, StringComparison.Ordinal));
        Assert.Contains("row 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    private string Write(string kind)
    {
        var path = Track(ImportTestData.TempFile(Path.GetExtension(kind)));
        switch (kind)
        {
            case "garbage.csv":
                File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(ImportTestData.CsvHeader + "\n"), .. Enumerable.Range(0, 4000).Select(i => (byte)((i * 7919) % 251))]);
                break;
            case "truncated.xlsx":
                var full = Track(ImportTestData.TempFile(".xlsx"));
                MiniExcel.SaveAs(full, new[] { ImportTestData.CsvHeader.Split(',').ToDictionary(c => c, c => (object)(c == "code" ? "K-09" : "")) });
                var bytes = File.ReadAllBytes(full);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "not-a-zip.xlsx":
                File.WriteAllText(path, ImportTestData.CsvHeader + "\n" + Row + "\n");
                break;
            case "wrong-types.json":
                File.WriteAllText(path, """{"year":"二〇二四","organisation":42,"tasks":[{"code":7,"list":"key","title":["x"],"deadline":1e400,"target":{"value":-1e999}}]}""");
                break;
            case "tasks-not-a-list.json":
                File.WriteAllText(path, """{"year":2024,"organisation":"局","tasks":{"code":"K-01"}}""");
                break;
            default:
                var seed = File.ReadAllText(ImportTestData.SeedPlan);
                File.WriteAllText(path, seed[..(seed.Length / 2)]);
                break;
        }

        return path;
    }

    private string Track(string path)
    {
        _files.Add(path);
        return path;
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
