using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanBot.Console;
using PlanBot.Import;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Import;

public sealed class FirstRunSeedingTests
{
    [Fact]
    public async Task First_start_on_an_empty_database_imports_the_seed_roster_and_plan_once()
    {
        await using var database = await TestDatabase.CreateAsync();

        await StartAndStopAsync(database);
        var afterFirst = await PlanAndRosterRowsAsync(database);
        await StartAndStopAsync(database);

        Assert.Equal(afterFirst, await PlanAndRosterRowsAsync(database));
        await using var db = database.CreateContext();
        Assert.Equal(28, await db.Tasks.CountAsync());
        Assert.Equal(19, await RosterMembersAsync(db));
        Assert.Equal(14, await db.Tasks.CountAsync(t => t.List == WorkList.Difficulty));
    }

    [Fact]
    public async Task Existing_roster_is_kept_and_only_the_plan_is_seeded()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await new RosterImporter(TimeProvider.System).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
            db.Members.Add(new Member { Name = "自己加的成员", Roles = MemberRoles.Owner });
            await db.SaveChangesAsync();
        }

        await StartAndStopAsync(database);

        await using var check = database.CreateContext();
        Assert.Equal(20, await RosterMembersAsync(check));
        Assert.Equal(28, await check.Tasks.CountAsync());
    }

    [Fact]
    public async Task Bad_seed_plan_stops_start_up_with_its_row_and_column_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv, "year,organisation,code,list,title,owner,deadline\n2024,区发改局,K-01,key,任务,投资科负责人,2024-12-32\n");

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => StartAndStopAsync(database, $"--PlanBot:SeedPlanPath={csv}"));

        Assert.Equal($"{csv}: row 2, column deadline: '2024-12-32' is not a date (YYYY-MM-DD)", failure.Message);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Members.CountAsync());
        Assert.Equal(0, await db.Plans.CountAsync());
        File.Delete(csv);
    }

    /// <summary>
    /// Row counts of what seeding writes. The running host's own state (scheduler bookkeeping, outbox) is left out:
    /// its jobs write it in the background at start, which is not seeding.
    /// </summary>
    private static async Task<Dictionary<string, long>> PlanAndRosterRowsAsync(TestDatabase database)
    {
        string[] botState = ["BotSettings", "SentReminders", "Outbox", "SentMessages", "Inbox", "StoredReports", "Members"];
        var counts = await ImportTestData.CountRowsAsync(database);
        var rows = counts.Where(c => !botState.Contains(c.Key)).ToDictionary();
        await using var db = database.CreateContext();
        rows["Members (roster)"] = await RosterMembersAsync(db);
        return rows;
    }

    /// <summary>Members from the roster; with no bot token the host also adds the console chat's own admin.</summary>
    private static async Task<int> RosterMembersAsync(PlanBot.Storage.PlanBotDbContext db) =>
        await db.Members.CountAsync(m => !m.Contacts.Any(c => c.UserId == ConsoleIdentity.Admin));

    /// <summary>The real host, started and stopped: seeding happens in DatabaseStartup before anything else starts.</summary>
    private static async Task StartAndStopAsync(TestDatabase database, params string[] extraArgs)
    {
        var builder = PlanBotHost.CreateBuilder(
            [$"--ConnectionStrings:PlanBot={database.ConnectionString}", "--PlanBot:Scheduler:Enabled=false", .. extraArgs],
            b => b.Services.AddSingleton<TimeProvider>(ImportTestData.Clock()));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await host.StartAsync(timeout.Token);
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }
}
