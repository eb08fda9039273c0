using System.Net;
using System.Net.Sockets;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reliability;

/// <summary>The real host in process (<see cref="BotTestHost"/>) on a database seeded by <see cref="ReliabilityPlan"/>, its clock at <see cref="ReliabilityPlan.Now"/>.</summary>
public static class ReliabilityHost
{
    public static async Task<(TestDatabase Database, BotTestHost Bot)> StartAsync(
        FakeBotApiServer api, int owners, Action<BotTestHostOptions>? configure = null)
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using (var db = database.CreateContext())
            {
                await ReliabilityPlan.SeedAsync(db, owners, overdue: false);
            }

            var bot = await BotTestHost.StartAsync(api, o =>
            {
                o.DatabasePath = database.Path;
                o.Settings["PlanBot:Clock:StartAt"] = ReliabilityPlan.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                configure?.Invoke(o);
            });
            return (database, bot);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A /progress command from owner <paramref name="owner"/> setting <paramref name="percent"/>.</summary>
    public static string Progress(int owner, int percent) => $"/progress {ReliabilityPlan.CodeOf(owner)} {percent}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
