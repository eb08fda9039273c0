using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Scheduling;
using PlanBot.Storage;

namespace PlanBot.Tests.FakeBotApi;

/// <summary>
/// The real PlanBot host (<see cref="PlanBotHost.CreateBuilder"/>) talking to a <see cref="FakeBotApiServer"/> over
/// HTTP, on a temp SQLite file, with every log line captured. For end-to-end tests:
/// <code>
/// await using var api = await FakeBotApiServer.StartAsync();
/// await using var bot = await BotTestHost.StartAsync(api);
/// api.EnqueueText(chatId: 42, fromId: 42, "/help");
/// var reply = await api.WaitForCallAsync("sendMessage", c => c.ChatId == 42);
/// </code>
/// Pass <see cref="BotTestHostOptions.Services"/> to replace services after the app's own registrations
/// (e.g. a test router), <see cref="BotTestHostOptions.Settings"/> to add or override configuration, and
/// <see cref="BotTestHostOptions.DatabasePath"/> to start a second host on the first one's database (a restart).
/// The scheduler is off unless a test calls <see cref="BotTestHostOptions.RunScheduler"/> with the clock it drives:
/// on the wall clock, Quartz would send a digest or a monthly report at whatever moment the suite happens to run.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly bool _ownsDatabase;
    private bool _stopped;

    private BotTestHost(IHost host, string databasePath, bool ownsDatabase, CapturedLogs logs)
    {
        Host = host;
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        Logs = logs;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public string DatabasePath { get; }

    public CapturedLogs Logs { get; }

    public static async Task<BotTestHost> StartAsync(FakeBotApiServer api, Action<BotTestHostOptions>? configure = null)
    {
        var options = new BotTestHostOptions();
        configure?.Invoke(options);
        var ownsDatabase = options.DatabasePath is null;
        var databasePath = options.DatabasePath ?? Path.Combine(Path.GetTempPath(), $"planbot-e2e-{Guid.NewGuid():N}.db");
        var logs = new CapturedLogs();

        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApiServer.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["ConnectionStrings:PlanBot"] = ConnectionString(databasePath),
            // Tests arrange their own members and tasks; one that wants the 2024 seed sets these paths.
            ["PlanBot:SeedPlanPath"] = "",
            ["PlanBot:SeedRosterPath"] = "",
            [SchedulerOptions.Section + ":Enabled"] = options.SchedulerClock is null ? "false" : "true",
            // A group's live status message is its own story (GroupStatusEndToEndTests); elsewhere it would be one more
            // message in the groups tests count.
            ["PlanBot:GroupStatus:Enabled"] = "false",
            // Hosts run side by side: a test that wants the dashboard turns it on, on a port of its own (port 0).
            ["Dashboard:Enabled"] = "false",
            ["Dashboard:ListenUrl"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var builder = PlanBotHost.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.ClearProviders();
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Debug);
            b.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
            if (options.SchedulerClock is { } time)
            {
                b.Services.AddSingleton(time);
            }
        });
        options.Services?.Invoke(builder.Services);
        var host = builder.Build();
        var testHost = new BotTestHost(host, databasePath, ownsDatabase, logs);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await testHost.DisposeAsync();
            throw;
        }

        return testHost;
    }

    /// <summary>A context on the host's database, outside the host's scopes (dispose it).</summary>
    public PlanBotDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PlanBotDbContext>().UseSqlite(ConnectionString(DatabasePath)).Options);

    /// <summary>Polls the database until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForDatabaseAsync(Func<PlanBotDbContext, Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await using (var db = CreateDbContext())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("The database never reached the expected state" + (what is null ? "." : $": {what}."));
            }

            // A short poll interval of a bounded wait on a condition, not a synchronisation sleep.
            await Task.Delay(50);
        }
    }

    /// <summary>Polls the captured logs until a line matches <paramref name="line"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForLogAsync(Func<CapturedLogs.LogLine, bool> line, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!Logs.Lines.Any(line))
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"No log line: {what}.");
            }

            // A short poll interval of a bounded wait on a condition, not a synchronisation sleep.
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    /// <summary>Deletes a database file a test kept across hosts (with its WAL files).</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
}

public sealed class BotTestHostOptions
{
    /// <summary>Configuration added after the defaults (token, fake's URL, 1 s long polls, the temp database).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Runs after the app registered its services: replace what the test needs replaced.</summary>
    public Action<IServiceCollection>? Services { get; set; }

    /// <summary>Use this database file (kept after dispose) instead of a fresh temp one.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Set by <see cref="RunScheduler"/>: the clock the scheduler runs on.</summary>
    public TimeProvider? SchedulerClock { get; private set; }

    /// <summary>
    /// Runs the real Quartz scheduler on <paramref name="time"/> (a FakeTimeProvider, or a clock shifted to a known
    /// moment): the only way a test host gets a scheduler, so every job it fires is one the test arranged.
    /// </summary>
    public void RunScheduler(TimeProvider time) => SchedulerClock = time;
}
