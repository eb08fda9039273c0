using Microsoft.Extensions.Hosting;

namespace PlanBot.Storage;

/// <summary>
/// The bot's first hosted service: takes the <see cref="InstanceLease"/> before anything touches the database, and keeps
/// it until the host stops. Starting again while held does nothing (the CLI starts it before the host does).
/// </summary>
public sealed class InstanceLeaseHolder(InstanceLease lease, DatabaseFile database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!lease.TryAcquire(out var holder))
        {
            throw new DatabaseUnavailableException(
                $"database {database.Path} is in use by another PlanBot ({(holder.Length > 0 ? holder : "holder unknown")}); " +
                "stop it first (CLI verbs work beside it)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lease.Release();
        return Task.CompletedTask;
    }
}
