using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Storage;

public static class StorageSetup
{
    public const string ConnectionName = "PlanBot";
    public const string DefaultConnectionString = "Data Source=planbot.db";

    /// <summary>The SQLite DbContext (scoped, one per update or job fire) and the start-up migration.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DefaultConnectionString;
        }

        // Split queries: a task card loads milestones, co-owners and history at once; one joined query multiplies rows.
        services.AddDbContext<PlanBotDbContext>(o => o
            .UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(new SqliteBusyTimeout()));
        // First hosted service: every later one starts against a migrated database.
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}
