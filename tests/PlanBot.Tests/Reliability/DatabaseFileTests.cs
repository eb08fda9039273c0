using Microsoft.Data.Sqlite;
using PlanBot.Tests.Cli;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reliability;

/// <summary>A database file PlanBot cannot use is one line naming the file and the cause, for the bot and for the CLI.</summary>
public sealed class DatabaseFileTests
{
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_corrupt_file_stops_the_bot_and_a_verb_with_one_line_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await File.WriteAllBytesAsync(database.Path, [.. Enumerable.Repeat((byte)'x', 8192)]);

        var verb = await new CliRunner(database).RunAsync("tasks", "list");
        Assert.Equal(1, verb.ExitCode);
        var verbLine = Assert.Single(verb.ErrorLines);
        Assert.Contains(Path.GetFullPath(database.Path), verbLine, StringComparison.Ordinal);
        Assert.Contains("not a database", verbLine, StringComparison.Ordinal);

        // The bot as a real process, so everything it writes (logs included) is seen.
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = BotProcess.Start(ReliabilityPlan.ProcessSettings(api.BaseUrl, database.ConnectionString));
        Assert.Equal(1, await bot.WaitForExitAsync(Finish));
        var lines = bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var botLine = Assert.Single(lines);
        Assert.StartsWith("error: ", botLine, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(database.Path), botLine, StringComparison.Ordinal);
        Assert.Contains("not a database", botLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_verbs_work_on_a_read_only_file_and_a_write_is_one_line_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var seeded = await new CliRunner(database).RunAsync("tasks", "list");
        Assert.Equal(0, seeded.ExitCode);

        var readOnly = new CliRunner(database, new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());

        var list = await readOnly.RunAsync("tasks", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(seeded.Out, list.Out);

        var write = await readOnly.RunAsync("tasks", "set-deadline", "K-01", "2024-10-15");
        Assert.Equal(1, write.ExitCode);
        var line = Assert.Single(write.ErrorLines);
        Assert.Contains(Path.GetFullPath(database.Path), line, StringComparison.Ordinal);
        Assert.Contains("readonly", line, StringComparison.OrdinalIgnoreCase);

        var after = await new CliRunner(database).RunAsync("tasks", "list");
        Assert.Equal(seeded.Out, after.Out);
    }
}
