using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PlanBot.Storage;

/// <summary>
/// Lets `dotnet ef` build the context without running the app (whose entry point is the CLI and the bot).
/// Only the migrations tooling uses it.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlanBotDbContext>
{
    public PlanBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlanBotDbContext>().UseSqlite(StorageSetup.DefaultConnectionString).Options);
}
