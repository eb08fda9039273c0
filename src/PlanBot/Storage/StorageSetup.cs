using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PlanBot.Storage;

public static class StorageSetup
{
    public const string ConnectionName = "PlanBot";
    public const string DefaultConnectionString = "Data Source=planbot.db";

    /// <summary>
    /// The SQLite DbContext (scoped, one per update or job fire), the start-up migration and — when the process runs
    /// as the bot — the lease that keeps a second bot off the same file.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, RunMode mode)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DefaultConnectionString;
        }

        // Split queries: a task card loads milestones, co-owners and history at once; one joined query multiplies rows.
        // The bot's own commits can be redone after a power cut, a CLI verb's cannot (SqliteConnectionSettings).
        var connectionSettings = new SqliteConnectionSettings(mode.IsBot() ? SqliteSynchronous.Normal : SqliteSynchronous.Full);
        services.AddDbContext<PlanBotDbContext>(o => o
            .UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(connectionSettings));
        services.AddSingleton(new DatabaseFile(connectionString));
        services.AddSingleton<InstanceLease>();
        services.TryAddSingleton<WriteTurn>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseStartup>();
        if (mode.IsBot())
        {
            services.AddSingleton<InstanceLeaseHolder>();
            services.AddHostedService(sp => sp.GetRequiredService<InstanceLeaseHolder>());
        }

        // Every later hosted service starts against a migrated database. The bot runs both steps once more before the
        // host starts (CliApp), so a database it cannot use is one line on stderr, not a host start-up failure.
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return services;
    }
}
