using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PlanBot.Dashboard;

/// <summary>
/// The dashboard's own small Kestrel server on <see cref="DashboardOptions.ListenUrl"/>, behind the operator's HTTPS
/// proxy. It is not the webhook receiver's server: that one exists only in webhook mode, while the dashboard serves
/// polling and DingTalk bots too, and each can then be published (or not) by the proxy on its own.
/// </summary>
public sealed class DashboardServer(
    IServiceScopeFactory scopes,
    IOptions<DashboardOptions> options,
    DashboardState state,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DashboardServer>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Value.ListenUrl);
        _app = builder.Build();
        new DashboardEndpoints(scopes).Map(_app);
        await _app.StartAsync(cancellationToken);
        state.ListeningOn = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        state.PublicUrl = (string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? state.ListeningOn ?? options.Value.ListenUrl : options.Value.PublicUrl).TrimEnd('/');
        _logger.LogInformation("Dashboard listening on {ListenUrl}, opened as {PublicUrl}", state.ListeningOn, state.PublicUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
