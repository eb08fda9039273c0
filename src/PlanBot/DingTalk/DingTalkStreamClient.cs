using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PlanBot.DingTalk;

/// <summary>
/// DingTalk's Stream mode: registers a connection (POST /v1.0/gateway/connections/open), keeps one WebSocket open,
/// answers SYSTEM pings, reconnects when DingTalk says disconnect or the socket drops, and hands CALLBACK pushes to a
/// handler. A push is acked only after the handler returned true, so a push the handler could not keep is not
/// confirmed. Pushes are handled one at a time, in arrival order.
/// </summary>
public sealed class DingTalkStreamClient
{
    /// <summary>A frame larger than this is refused (DingTalk's pushes are a few KB).</summary>
    internal const int MaxFrameBytes = 4 * 1024 * 1024;

    private const string UserAgent = "planbot-dotnet/1.0";

    private readonly IHttpClientFactory _httpFactory;
    private readonly DingTalkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DingTalkStreamClient> _logger;

    public DingTalkStreamClient(IHttpClientFactory httpFactory, IOptions<DingTalkOptions> options, TimeProvider time, ILogger<DingTalkStreamClient> logger)
    {
        _httpFactory = httpFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The first reconnect delay; doubles per failed attempt (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    internal TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a shutdown waits for DingTalk to answer the close handshake before dropping the socket.</summary>
    internal TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, reconnecting as needed. <paramref name="onCallback"/>
    /// returns true when it has kept the push (it is then acked); false or an exception leaves it unacked.
    /// </summary>
    public async Task RunAsync(Func<DingTalkCallback, CancellationToken, Task<bool>> onCallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onCallback);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                outcome = await RunConnectionAsync(onCallback, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or DingTalkStreamException or IOException or JsonException or OperationCanceledException)
            {
                outcome = new Outcome(Healthy: false, Error: Describe(ex), ReconnectNow: false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Healthy)
            {
                failures = 0;
            }

            var delay = outcome.ReconnectNow ? TimeSpan.Zero : Backoff(failures++);
            if (outcome.Error is not null)
            {
                // One line per drop: the reason, not a stack trace; the next attempt says whether it healed.
                _logger.LogWarning("DingTalk stream connection lost ({Reason}); reconnecting in {Delay:0.0} s", outcome.Error, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _logger.LogInformation("DingTalk stream stopped");
    }

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so many bots do not reconnect in step.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var step = ReconnectBaseDelay * Math.Pow(2, Math.Min(failures, 16));
        if (step > MaxReconnectDelay)
        {
            step = MaxReconnectDelay;
        }

#pragma warning disable CA5394 // jitter, not security
        return step * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
    }

    private async Task<Outcome> RunConnectionAsync(Func<DingTalkCallback, CancellationToken, Task<bool>> onCallback, CancellationToken cancellationToken)
    {
        var (endpoint, ticket) = await OpenAsync(cancellationToken);
        using var socket = new ClientWebSocket();
        // .NET sends WebSocket pings and drops the connection when no pong comes back, so a dead link is noticed.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(15);

        var separator = endpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var uri = new Uri($"{endpoint}{separator}ticket={Uri.EscapeDataString(ticket)}");
        using (var timeout = new CancellationTokenSource(ConnectTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                await socket.ConnectAsync(uri, linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DingTalkStreamException("WebSocket handshake timed out");
            }
            catch (WebSocketException ex)
            {
                // The message could name the URL, which carries the ticket.
                throw new DingTalkStreamException($"WebSocket handshake failed: {ex.WebSocketErrorCode}");
            }
        }

        _logger.LogInformation("DingTalk stream connected to {Host}", uri.Host);
        return await PumpAsync(socket, onCallback, cancellationToken);
    }

    private async Task<(string Endpoint, string Ticket)> OpenAsync(CancellationToken cancellationToken)
    {
        var http = _httpFactory.CreateClient(DingTalkSetup.HttpClientName);
        var request = new OpenRequest(
            _options.ClientId,
            _options.ClientSecret,
            [.. DingTalkStreamTopics.All.Select(topic => new Subscription(DingTalkStreamFrames.Callback, topic))],
            UserAgent);
        using var response = await http.PostAsJsonAsync(new Uri(_options.ApiBase, "v1.0/gateway/connections/open"), request, DingTalkJson.Options, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Only DingTalk's error code: the request carried the secret, and no answer text is repeated.
            string? code = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                code = doc.RootElement.ValueKind == JsonValueKind.Object ? DingTalkErrors.ReadString(doc.RootElement, "code") : null;
            }
            catch (JsonException)
            {
            }

            throw new DingTalkStreamException(string.Create(CultureInfo.InvariantCulture, $"connections/open answered HTTP {(int)response.StatusCode} {code}").TrimEnd());
        }

        var answer = JsonSerializer.Deserialize<OpenResponse>(body, DingTalkJson.Options);
        if (string.IsNullOrEmpty(answer?.Endpoint) || string.IsNullOrEmpty(answer.Ticket)
            || !Uri.TryCreate(answer.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != "wss" && endpoint.Scheme != "ws"))
        {
            throw new DingTalkStreamException("connections/open gave no usable endpoint and ticket");
        }

        return (answer.Endpoint, answer.Ticket);
    }

    private async Task<Outcome> PumpAsync(ClientWebSocket socket, Func<DingTalkCallback, CancellationToken, Task<bool>> onCallback, CancellationToken cancellationToken)
    {
        var healthy = false;
        // On shutdown: start the close handshake, and drop the socket if DingTalk does not answer it in time.
        using var abandon = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var registration = cancellationToken.Register(() =>
        {
            _ = CloseQuietlyAsync(socket, "shutting down");
            abandon.CancelAfter(CloseTimeout);
        });

        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(), abandon.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return new Outcome(healthy, Error: null, ReconnectNow: false);
                    }

                    await CloseQuietlyAsync(socket, "closed by server");
                    return new Outcome(healthy, $"closed by DingTalk: {socket.CloseStatus} {socket.CloseStatusDescription}".TrimEnd(), ReconnectNow: false);
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > MaxFrameBytes)
                {
                    await CloseQuietlyAsync(socket, "frame too large", WebSocketCloseStatus.MessageTooBig);
                    return new Outcome(healthy, "a frame over 4 MB", ReconnectNow: false);
                }
            }
            while (!received.EndOfMessage);

            healthy = true;
            if (received.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            var frame = DingTalkStreamFrames.TryParse(message.GetBuffer().AsMemory(0, (int)message.Length));
            if (frame is null)
            {
                _logger.LogWarning("DingTalk stream sent a frame that is not a protocol frame ({Length} bytes); ignored", message.Length);
                continue;
            }

            switch (frame.Type)
            {
                case DingTalkStreamFrames.System when frame.Topic == DingTalkStreamFrames.Disconnect:
                    if (frame.MessageId is not null)
                    {
                        await SendAsync(socket, DingTalkStreamFrames.Ack(frame.MessageId, frame.Data), abandon.Token);
                    }

                    _logger.LogInformation("DingTalk asked the stream to reconnect ({Reason})", frame.Data);
                    await CloseQuietlyAsync(socket, "reconnecting");
                    return new Outcome(Healthy: true, Error: null, ReconnectNow: true);

                case DingTalkStreamFrames.System:
                    // ping (and any future system topic): echo the data, which carries ping's opaque id.
                    if (frame.MessageId is not null)
                    {
                        await SendAsync(socket, DingTalkStreamFrames.Ack(frame.MessageId, frame.Data), abandon.Token);
                    }

                    break;

                case DingTalkStreamFrames.Callback when frame.MessageId is not null:
                    var topic = frame.Topic ?? "";
                    if (await HandleAsync(onCallback, new DingTalkCallback(topic, frame.MessageId, frame.Data), cancellationToken))
                    {
                        await SendAsync(socket, DingTalkStreamFrames.Ack(frame.MessageId, DingTalkStreamFrames.CallbackAckData(topic)), abandon.Token);
                    }

                    break;

                default:
                    _logger.LogDebug("DingTalk stream frame {Type} {Topic} ignored", frame.Type, frame.Topic);
                    break;
            }
        }
    }

    private async Task<bool> HandleAsync(Func<DingTalkCallback, CancellationToken, Task<bool>> onCallback, DingTalkCallback callback, CancellationToken cancellationToken)
    {
        try
        {
            return await onCallback(callback, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // the handler's failure must not drop the connection; the push stays unacked
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning("DingTalk callback {MessageId} on {Topic} was not kept ({Error}); left unacked", callback.MessageId, callback.Topic, ex.Message);
            return false;
        }
    }

    private static Task SendAsync(ClientWebSocket socket, byte[] frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    private static async Task CloseQuietlyAsync(ClientWebSocket socket, string reason, WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The socket is going away either way.
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException http => $"network: {http.HttpRequestError}",
        WebSocketException ws => $"websocket: {ws.WebSocketErrorCode}",
        OperationCanceledException => "timed out",
        _ => ex.Message,
    };

    private readonly record struct Outcome(bool Healthy, string? Error, bool ReconnectNow);

    private sealed record Subscription(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("topic")] string Topic);

    private sealed record OpenRequest(
        [property: JsonPropertyName("clientId")] string ClientId,
        [property: JsonPropertyName("clientSecret")] string ClientSecret,
        [property: JsonPropertyName("subscriptions")] IReadOnlyList<Subscription> Subscriptions,
        [property: JsonPropertyName("ua")] string Ua);

    private sealed record OpenResponse(
        [property: JsonPropertyName("endpoint")] string? Endpoint,
        [property: JsonPropertyName("ticket")] string? Ticket);
}

/// <summary>The Stream connection could not be opened or was lost; the message never carries the secret or the ticket.</summary>
public sealed class DingTalkStreamException : Exception
{
    public DingTalkStreamException(string message)
        : base(message)
    {
    }
}
