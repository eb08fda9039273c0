using System.Net;
using System.Net.Sockets;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the fake Bot API, so a test can take "Telegram" off the network: <see cref="Cut"/>
/// drops every open connection and closes the port (new connections are refused), <see cref="Restore"/> listens on
/// the same port again. The fake behind it keeps its state (queued updates, recorded calls) throughout.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly Uri _upstream;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();
    private Task _accepting = Task.CompletedTask;

    private LoopbackProxy(Uri upstream, int port)
    {
        _upstream = upstream;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static LoopbackProxy Start(string upstreamBaseUrl)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var proxy = new LoopbackProxy(new Uri(upstreamBaseUrl), port);
        proxy.Restore();
        return proxy;
    }

    /// <summary>Closes the port and every connection through it: the bot sees resets, then "connection refused".</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _running.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Listens on the same port again.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            _running.Dispose();
            _running = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _accepting = AcceptAsync(listener, _running.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _running.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, ct);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        lock (_lock)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_upstream.Host, _upstream.Port, ct);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // A cut or a closed side ends the relay.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
