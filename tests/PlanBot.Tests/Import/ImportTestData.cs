using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Import;
using PlanBot.Storage;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Import;

/// <summary>The seed files, importers on a fake clock, and a whole-database row count for "nothing changed" checks.</summary>
public static class ImportTestData
{
    public static string SeedPlan => Repo.File("seeds", "plan-2024.json");

    public static string SeedRoster => Repo.File("seeds", "roster.sample.csv");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2024, 5, 15, 2, 0, 0, TimeSpan.Zero));

    public static async Task SeedAsync(TestDatabase database, TimeProvider time)
    {
        await using var db = database.CreateContext();
        await new RosterImporter(time).ImportAsync(db, SeedRoster, CancellationToken.None);
        await new PlanImporter(time).ImportAsync(db, SeedPlan, PlanChoice.FromFile, CancellationToken.None);
    }

    /// <summary>Rows per table, every table of the schema, so a test sees any write anywhere.</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"planbot-import-{Guid.NewGuid():N}{extension}");

    /// <summary>A plan CSV with the given rows under the standard header.</summary>
    public static string WriteCsv(params string[] rows)
    {
        var path = TempFile(".csv");
        File.WriteAllText(path, string.Join('\n', [CsvHeader, .. rows]) + "\n");
        return path;
    }

    public const string CsvHeader = "code,list,section,item,title,detail,lead_unit,owner,co_owners,deadline,milestones,target_value,target_unit,target_label";
}
