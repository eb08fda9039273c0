using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>One client's WebSocket to the fake Stream gateway: frames out (one writer at a time), text frames in.</summary>
public sealed class StreamConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    internal StreamConnection(WebSocket socket, string connectionId, IReadOnlySet<string> callbackTopics, DateTimeOffset at)
    {
        _socket = socket;
        ConnectionId = connectionId;
        CallbackTopics = callbackTopics;
        ConnectedAt = at;
    }

    public string ConnectionId { get; }

    /// <summary>The CALLBACK topics the client subscribed to in the connections/open that gave its ticket.</summary>
    public IReadOnlySet<string> CallbackTopics { get; }

    public DateTimeOffset ConnectedAt { get; }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    internal async Task<bool> SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        try
        {
            await _sendLock.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (_socket.State != WebSocketState.Open)
            {
                return false;
            }

            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away mid-send: the frame stays unacknowledged and is delivered again later.
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads text frames until the client closes or the socket breaks; answers a client's close.</summary>
    internal async Task ReceiveAsync(Action<string> onText, Action<string> onProtocolError, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // The gateway speaks JSON in text frames; a binary frame is the client's mistake.
                    onProtocolError($"binary frame of {message.Length} bytes on {ConnectionId}");
                }
                else
                {
                    onText(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                }

                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped (by the test or the client): the handler ends and the connection is forgotten.
        }
    }

    /// <summary>Called by the fake when the socket's handler has ended.</summary>
    public void Dispose() => _sendLock.Dispose();

    /// <summary>Cuts the connection without a close handshake, as a network failure would.</summary>
    internal void Abort() => _socket.Abort();

    /// <summary>
    /// Sends our close frame without waiting for the client's (a client that stopped reading would hold us forever);
    /// the handler's receive loop ends when the client answers, or when the fake is disposed.
    /// </summary>
    internal async Task CloseAsync(string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
        }
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.CloseOutputAsync(status, reason, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }
}
