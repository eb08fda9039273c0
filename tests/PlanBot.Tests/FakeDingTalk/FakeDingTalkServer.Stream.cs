using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PlanBot.Tests.FakeDingTalk;

/// <summary>
/// The Stream gateway. Facts from DingTalk's own SDKs (https://github.com/open-dingtalk/dingtalk-stream-sdk-java,
/// https://github.com/open-dingtalk/dingtalk-stream-sdk-python): POST /v1.0/gateway/connections/open {clientId,
/// clientSecret, subscriptions [{type, topic}], ua, localIp} → {endpoint, ticket}; the client opens
/// endpoint?ticket=…; frames are JSON text {specVersion "1.0", type SYSTEM|EVENT|CALLBACK, headers {appId,
/// connectionId, contentType, messageId, time, topic} (all strings), data (a JSON string)}; the client answers each
/// with {code, headers {messageId, contentType}, message, data (a JSON string)}. SYSTEM "ping" carries {opaque},
/// which the ack echoes; SYSTEM "disconnect" carries {reason} and the gateway closes the socket after it.
/// </summary>
public sealed partial class FakeDingTalkServer
{
    private readonly Dictionary<string, Ticket> _tickets = [];
    private readonly List<StreamConnection> _connections = [];
    private readonly Dictionary<string, OutgoingFrame> _frames = [];
    private readonly List<StreamAck> _acks = [];
    private readonly List<JsonObject> _subscriptionRequests = [];
    private int _gatewayFailures;

    /// <summary>The sockets open now, oldest first.</summary>
    public IReadOnlyList<StreamConnection> ConnectedClients
    {
        get
        {
            lock (_lock)
            {
                return _connections.Where(c => c.IsOpen).ToList();
            }
        }
    }

    /// <summary>Every ack the clients sent for a frame of ours, in order.</summary>
    public IReadOnlyList<StreamAck> Acks
    {
        get
        {
            lock (_lock)
            {
                return [.. _acks];
            }
        }
    }

    /// <summary>How many times the frame <paramref name="messageId"/> was sent (redeliveries included).</summary>
    public int DeliveriesOf(string messageId)
    {
        lock (_lock)
        {
            return _frames.TryGetValue(messageId, out var frame) ? frame.Deliveries : 0;
        }
    }

    /// <summary>The next <paramref name="times"/> connections/open calls fail with HTTP 500 (the gateway unavailable).</summary>
    public void FailGatewayOpen(int times = 1)
    {
        lock (_lock)
        {
            _gatewayFailures += times;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> sockets are open.</summary>
    public async Task<StreamConnection> WaitForConnectionAsync(int count = 1, TimeSpan? timeout = null)
    {
        await WaitForAsync(() => ConnectedClients.Count >= count, timeout, $"{count} open Stream connection(s)");
        return ConnectedClients[^1];
    }

    /// <summary>
    /// Pushes a robot message (CALLBACK on <see cref="RobotTopic"/>) shaped as DingTalk sends it; returns its messageId.
    /// Sent at once to the newest socket that subscribed, else when one opens. A group message makes the robot a
    /// member of that group (it could not have received it otherwise).
    /// </summary>
    public Task<string> PushRobotMessageAsync(RobotMessage message)
    {
        if (message.OpenConversationId is { } group)
        {
            AddGroup(group);
        }

        return PushCallbackAsync(RobotTopic, RobotMessageJson(message));
    }

    /// <summary>A text message from <paramref name="senderStaffId"/>, in private or (given <paramref name="openConversationId"/>) in a group.</summary>
    public Task<string> PushRobotMessageAsync(string senderStaffId, string text, string? openConversationId = null) =>
        PushRobotMessageAsync(new RobotMessage(senderStaffId, text) { OpenConversationId = openConversationId });

    /// <summary>Pushes any CALLBACK (a test's malformed one, say) on <paramref name="topic"/>; returns its messageId.</summary>
    public async Task<string> PushCallbackAsync(string topic, JsonObject data)
    {
        var frame = new OutgoingFrame(NewMessageId(), "CALLBACK", topic, data, ConnectionId: null);
        lock (_lock)
        {
            _frames[frame.MessageId] = frame;
        }

        await DeliverAsync(frame);
        return frame.MessageId;
    }

    /// <summary>Waits for the client's successful ack (code 200) of <paramref name="messageId"/>.</summary>
    public async Task<StreamAck> WaitForAckAsync(string messageId, TimeSpan? timeout = null)
    {
        await WaitForAsync(() => Acks.Any(a => a.MessageId == messageId && a.Code == 200), timeout, "an ack of " + messageId);
        return Acks.First(a => a.MessageId == messageId && a.Code == 200);
    }

    /// <summary>Sends the frame <paramref name="messageId"/> again with the same messageId, as the gateway does when unsure it arrived.</summary>
    public async Task RedeliverAsync(string messageId)
    {
        OutgoingFrame frame;
        lock (_lock)
        {
            frame = _frames[messageId];
        }

        await DeliverAsync(frame);
    }

    /// <summary>Sends a SYSTEM ping to <paramref name="connection"/> (default: the newest); returns its messageId to wait for the ack.</summary>
    public async Task<string> SendPingAsync(StreamConnection? connection = null)
    {
        var target = connection ?? ConnectedClients[^1];
        var data = new JsonObject { ["opaque"] = NewId() };
        var frame = new OutgoingFrame(NewMessageId(), "SYSTEM", "ping", data, target.ConnectionId);
        lock (_lock)
        {
            _frames[frame.MessageId] = frame;
        }

        await DeliverAsync(frame);
        return frame.MessageId;
    }

    /// <summary>
    /// Sends a SYSTEM disconnect to every open socket, then closes each once its client has closed or
    /// <paramref name="grace"/> (default 1 s) has passed, as the gateway closes "later".
    /// </summary>
    public async Task SendDisconnectAsync(string reason = "gateway maintenance", TimeSpan? grace = null)
    {
        var closing = new List<Task>();
        foreach (var connection in ConnectedClients)
        {
            var frame = new OutgoingFrame(NewMessageId(), "SYSTEM", "disconnect", new JsonObject { ["reason"] = reason }, connection.ConnectionId);
            lock (_lock)
            {
                _frames[frame.MessageId] = frame;
            }

            await DeliverAsync(frame);
            closing.Add(CloseAfterAsync(connection, grace ?? TimeSpan.FromSeconds(1)));
        }

        await Task.WhenAll(closing);
    }

    /// <summary>Cuts every socket without a close handshake, as a network failure would; unacknowledged callbacks stay pending.</summary>
    public Task DropConnectionsAsync()
    {
        foreach (var connection in ConnectedClients)
        {
            connection.Abort();
        }

        return WaitForAsync(() => ConnectedClients.Count == 0, what: "the dropped sockets gone");
    }

    /// <summary>
    /// POST /v1.0/gateway/connections/open. Checks the credentials and that the robot's topic is subscribed as a
    /// CALLBACK (without it DingTalk would never deliver a robot message, so a client that forgets it is wrong).
    /// </summary>
    private async Task OpenConnectionAsync(HttpContext context)
    {
        var (body, _) = await ReadJsonAsync(context.Request);
        bool fail;
        lock (_lock)
        {
            fail = _gatewayFailures > 0;
            if (fail)
            {
                _gatewayFailures--;
            }
        }

        if (fail)
        {
            await AnswerErrorAsync(context, body, 500, "ServiceUnavailable", "The gateway is unavailable (injected).");
            return;
        }

        if (body is null)
        {
            await AnswerErrorAsync(context, body, 400, "MissingBody", "body is mandatory for this action.");
            return;
        }

        if ((string?)body["clientId"] != ClientId || (string?)body["clientSecret"] != ClientSecret)
        {
            await AnswerErrorAsync(context, body, 401, "InvalidAuthentication", "clientId or clientSecret is wrong");
            return;
        }

        var callbackTopics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in body["subscriptions"] as JsonArray ?? [])
        {
            if ((string?)subscription?["type"] == "CALLBACK" && (string?)subscription["topic"] is { } topic)
            {
                callbackTopics.Add(topic);
            }
        }

        if (!callbackTopics.Contains(RobotTopic))
        {
            await AnswerErrorAsync(context, body, 400, "InvalidParameter.Subscriptions", $"subscriptions lack {{type: CALLBACK, topic: {RobotTopic}}}");
            return;
        }

        var ticket = NewId();
        lock (_lock)
        {
            _tickets[ticket] = new Ticket(callbackTopics, Now + TicketLifetime);
            _subscriptionRequests.Add((JsonObject)body.DeepClone());
        }

        var endpoint = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/connect";
        await AnswerAsync(context, body, 200, new JsonObject { ["endpoint"] = endpoint, ["ticket"] = ticket });
    }

    /// <summary>The WebSocket: only with a ticket from connections/open, unused and not expired.</summary>
    private async Task AcceptStreamAsync(HttpContext context)
    {
        var ticketText = context.Request.Query["ticket"].FirstOrDefault();
        Ticket? ticket = null;
        lock (_lock)
        {
            if (ticketText is not null && _tickets.Remove(ticketText, out var found) && found.ExpiresAt > Now)
            {
                ticket = found;
            }
        }

        if (!context.WebSockets.IsWebSocketRequest || ticket is null)
        {
            ProtocolError(ticket is null ? $"socket opened with an unknown, used or expired ticket ({ticketText ?? "none"})" : "not a WebSocket request");
            context.Response.StatusCode = ticket is null ? 401 : 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new StreamConnection(socket, NewId(), ticket.CallbackTopics, Now);
        List<OutgoingFrame> waiting;
        lock (_lock)
        {
            _connections.Add(connection);
            // What never went out waits for a socket; with retries on, so does what went out and was never acknowledged
            // (the socket it went to died): a gateway that retries hands it to the next connection.
            waiting = _frames.Values
                .Where(f => f.Type == "CALLBACK" && !f.Acked && (f.Deliveries == 0 || RedeliverAfter is not null) && connection.CallbackTopics.Contains(f.Topic))
                .ToList();
        }

        Changed();
        foreach (var frame in waiting)
        {
            await DeliverAsync(frame);
        }

        await connection.ReceiveAsync(text => OnClientFrame(connection, text), ProtocolError, _stopping.Token);
        lock (_lock)
        {
            _connections.Remove(connection);
        }

        Changed();
    }

    private async Task DeliverAsync(OutgoingFrame frame)
    {
        StreamConnection? target;
        lock (_lock)
        {
            target = frame.ConnectionId is { } id
                ? _connections.FirstOrDefault(c => c.ConnectionId == id && c.IsOpen)
                : _connections.LastOrDefault(c => c.IsOpen && c.CallbackTopics.Contains(frame.Topic));
        }

        if (target is null)
        {
            // No socket for it yet: a CALLBACK waits for one; a SYSTEM frame for a closed socket is moot.
            return;
        }

        var json = new JsonObject
        {
            ["specVersion"] = "1.0",
            ["type"] = frame.Type,
            ["headers"] = new JsonObject
            {
                ["appId"] = ClientId,
                ["connectionId"] = target.ConnectionId,
                ["contentType"] = "application/json",
                ["messageId"] = frame.MessageId,
                ["time"] = NowMilliseconds,
                ["topic"] = frame.Topic,
            },
            ["data"] = frame.Data.ToJsonString(),
        };
        // The retry's timer starts before the frame leaves: a test that reacts to the frame by moving a fake clock
        // must find the timer already there.
        var retryDelay = frame.Type == "CALLBACK" && RedeliverAfter is { } after ? Task.Delay(after, _time, _stopping.Token) : null;
        if (await target.SendAsync(json, _stopping.Token))
        {
            int delivery;
            lock (_lock)
            {
                delivery = ++frame.Deliveries;
            }

            Changed();
            if (retryDelay is not null)
            {
                _ = RedeliverIfUnackedAsync(frame, delivery, retryDelay);
            }
        }
    }

    /// <summary>The gateway's retry: the same frame again if this delivery was neither acknowledged nor already followed by another.</summary>
    private async Task RedeliverIfUnackedAsync(OutgoingFrame frame, int delivery, Task retryDelay)
    {
        try
        {
            await retryDelay;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        bool again;
        lock (_lock)
        {
            again = !frame.Acked && frame.Deliveries == delivery;
        }

        if (again)
        {
            await DeliverAsync(frame);
        }
    }

    /// <summary>A frame from the client: the ack of one of ours, checked as the gateway would read it.</summary>
    private void OnClientFrame(StreamConnection connection, string text)
    {
        JsonObject? ack;
        try
        {
            ack = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            ack = null;
        }

        var messageId = (string?)ack?["headers"]?["messageId"];
        if (ack is null || messageId is null || ack["code"] is not JsonValue codeValue || !codeValue.TryGetValue<int>(out var code))
        {
            ProtocolError($"unreadable frame from {connection.ConnectionId}: {text}");
            return;
        }

        var dataText = ack["data"] is JsonValue dataValue && dataValue.TryGetValue<string>(out var s) ? s : null;
        JsonNode? data = null;
        if (dataText is not null)
        {
            try
            {
                data = JsonNode.Parse(dataText);
            }
            catch (JsonException)
            {
                ProtocolError($"ack {messageId}: data is not a JSON string");
            }
        }
        else if (ack["data"] is not null)
        {
            // The SDKs send data as a string of JSON (json.dumps / String), never as a nested object.
            ProtocolError($"ack {messageId}: data is not a string");
        }

        OutgoingFrame? frame;
        lock (_lock)
        {
            _frames.TryGetValue(messageId, out frame);
            if (frame is not null)
            {
                _acks.Add(new StreamAck(messageId, code, (string?)ack["message"], data, Now));
                frame.Acked |= code == 200;
            }
        }

        if (frame is null)
        {
            ProtocolError($"ack for unknown messageId {messageId}");
            return;
        }

        if (frame.Topic == "ping" && (string?)data?["opaque"] != (string?)frame.Data["opaque"])
        {
            ProtocolError($"ping ack {messageId} does not echo opaque");
        }

        Changed();
    }

    private async Task CloseAfterAsync(StreamConnection connection, TimeSpan grace)
    {
        try
        {
            await WaitForAsync(() => !connection.IsOpen, grace);
        }
        catch (TimeoutException)
        {
            await connection.CloseAsync("disconnect");
        }
    }

    private static string NewMessageId() => Guid.NewGuid().ToString("D");

    private sealed record Ticket(IReadOnlySet<string> CallbackTopics, DateTimeOffset ExpiresAt);

    /// <summary>A frame of ours, kept until the fake is disposed so that acks and redeliveries can find it.</summary>
    private sealed record OutgoingFrame(string MessageId, string Type, string Topic, JsonObject Data, string? ConnectionId)
    {
        public int Deliveries { get; set; }

        public bool Acked { get; set; }
    }
}
