using Microsoft.Data.Sqlite;
using PlanBot.Tests.FakeBotApi;

namespace PlanBotBench;

/// <summary>
/// A temp SQLite file opened the way the app opens its own (a plain "Data Source=…", so with connection pooling, which
/// the test host turns off to delete files early); deleted with its WAL files at the end.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"planbot-bench-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path }.ToString();

    public void Configure(BotTestHostOptions options)
    {
        options.DatabasePath = Path;
        options.Settings["ConnectionStrings:PlanBot"] = ConnectionString;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        BotTestHost.DeleteDatabase(Path);
    }
}
