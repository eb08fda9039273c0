using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlanBot.Tests.DingTalk;

/// <summary>
/// A minimal Stream endpoint for the client's own tests (Kestrel on 127.0.0.1): connections/open hands out a ws://
/// endpoint and ticket, and each accepted socket is exposed so a test can push frames and read what the client sends.
/// The full fake (tests/PlanBot.Tests/FakeDingTalk) belongs to another branch.
/// </summary>
internal sealed class DingTalkClientMiniStream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Connection> _connections = Channel.CreateUnbounded<Connection>();

    private DingTalkClientMiniStream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public List<string> OpenRequests { get; } = [];

    public static async Task<DingTalkClientMiniStream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new DingTalkClientMiniStream(app);
        app.UseWebSockets();
        app.MapPost("/v1.0/gateway/connections/open", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (server.OpenRequests)
            {
                server.OpenRequests.Add(body);
            }

            return Results.Json(new { endpoint = server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/connect", ticket = Guid.NewGuid().ToString() });
        });
        app.Map("/connect", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest || string.IsNullOrEmpty(context.Request.Query["ticket"]))
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new Connection(socket, context);
            await server._connections.Writer.WriteAsync(connection);
            await connection.ReceiveLoopAsync();
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public async Task<Connection> NextConnectionAsync() => await _connections.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Connection(WebSocket socket, HttpContext context)
    {
        private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
        private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with the client's close status when it closes (null when the socket just broke).</summary>
        public Task<WebSocketCloseStatus?> Closed => _closed.Task;

        public async Task<JsonElement> NextFrameAsync() => await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        /// <summary>Sends <paramref name="json"/> split into <paramref name="fragments"/> WebSocket fragments.</summary>
        public async Task SendAsync(string json, int fragments = 1)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var size = (int)Math.Ceiling(bytes.Length / (double)fragments);
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, CancellationToken.None);
            }
        }

        public Task SendCallbackAsync(string topic, string messageId, string data, int fragments = 1) =>
            SendAsync(JsonSerializer.Serialize(new
            {
                specVersion = "1.0",
                type = "CALLBACK",
                headers = new { topic, messageId, contentType = "application/json", time = "1690362102194" },
                data,
            }), fragments);

        public Task SendSystemAsync(string topic, string? messageId, string data) =>
            SendAsync(JsonSerializer.Serialize(new
            {
                specVersion = "1.0",
                type = "SYSTEM",
                headers = messageId is null ? (object)new { topic, contentType = "application/json" } : new { topic, messageId, contentType = "application/json" },
                data,
            }));

        /// <summary>Drops the TCP connection without a close handshake.</summary>
        public void Drop() => context.Abort();

        internal async Task ReceiveLoopAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (true)
                {
                    message.SetLength(0);
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            _closed.TrySetResult(result.CloseStatus);
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                            return;
                        }

                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);

                    using var doc = JsonDocument.Parse(message.ToArray());
                    await _received.Writer.WriteAsync(doc.RootElement.Clone());
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                _closed.TrySetResult(null);
            }
        }
    }
}
