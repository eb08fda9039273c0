using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkClientStreamTests
{
    [Fact]
    public async Task Registers_both_callback_topics_and_echoes_pings()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        await using var run = StreamRun.Start(server, (_, _) => Task.FromResult(true));
        var connection = await server.NextConnectionAsync();

        await connection.SendSystemAsync("ping", "ping-1", """{"opaque":"o-42"}""");
        var pong = await connection.NextFrameAsync();

        Assert.Equal(200, pong.GetProperty("code").GetInt32());
        Assert.Equal("ping-1", pong.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal("o-42", JsonDocument.Parse(pong.GetProperty("data").GetString()!).RootElement.GetProperty("opaque").GetString());
        var open = JsonDocument.Parse(Assert.Single(server.OpenRequests)).RootElement;
        Assert.Equal(DingTalkStub.ClientId, open.GetProperty("clientId").GetString());
        Assert.Equal(
            [("CALLBACK", DingTalkStreamTopics.BotMessage), ("CALLBACK", DingTalkStreamTopics.CardCallback)],
            open.GetProperty("subscriptions").EnumerateArray().Select(s => (s.GetProperty("type").GetString(), s.GetProperty("topic").GetString())));
    }

    [Fact]
    public async Task Callback_is_acked_only_when_the_handler_kept_it()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        var seen = new ConcurrentQueue<DingTalkCallback>();
        await using var run = StreamRun.Start(server, (callback, _) =>
        {
            seen.Enqueue(callback);
            return callback.MessageId switch
            {
                "refused" => Task.FromResult(false),
                "broken" => throw new InvalidOperationException("inbox unavailable"),
                _ => Task.FromResult(true),
            };
        });
        var connection = await server.NextConnectionAsync();

        await connection.SendCallbackAsync(DingTalkStreamTopics.BotMessage, "refused", """{"msgId":"a"}""");
        await connection.SendCallbackAsync(DingTalkStreamTopics.BotMessage, "broken", """{"msgId":"b"}""");
        await connection.SendCallbackAsync(DingTalkStreamTopics.BotMessage, "kept", """{"msgId":"c","text":{"content":"进度 80%"}}""");

        // Pushes are handled in order, so the first frame back would be an ack of "refused" or "broken" if one were sent.
        var ack = await connection.NextFrameAsync();
        Assert.Equal("kept", ack.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal(200, ack.GetProperty("code").GetInt32());
        Assert.Equal("""{"response":null}""", ack.GetProperty("data").GetString());
        Assert.Equal(["refused", "broken", "kept"], seen.Select(c => c.MessageId));
        Assert.Equal("进度 80%", JsonDocument.Parse(seen.Last().Data).RootElement.GetProperty("text").GetProperty("content").GetString());
        Assert.Equal(DingTalkStreamTopics.BotMessage, seen.Last().Topic);
        Assert.Single(run.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("broken", StringComparison.Ordinal));
        Assert.Single(server.OpenRequests);
    }

    [Fact]
    public async Task Fragmented_card_callback_is_read_whole_and_acked_with_an_empty_response()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        var seen = new ConcurrentQueue<DingTalkCallback>();
        await using var run = StreamRun.Start(server, (callback, _) =>
        {
            seen.Enqueue(callback);
            return Task.FromResult(true);
        });
        var connection = await server.NextConnectionAsync();
        var data = JsonSerializer.Serialize(new
        {
            outTrackId = "card-42",
            userId = "u1",
            type = "actionCallback",
            content = """{"cardPrivateData":{"actionIds":["done:plan-7"],"params":{}}}""",
            padding = new string('x', 40_000),
        });

        await connection.SendCallbackAsync(DingTalkStreamTopics.CardCallback, "card-msg", data, fragments: 5);
        var ack = await connection.NextFrameAsync();

        Assert.Equal("card-msg", ack.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal("""{"response":{}}""", ack.GetProperty("data").GetString());
        var callback = Assert.Single(seen);
        Assert.Equal(data, callback.Data);
        Assert.Equal(new DingTalkCardAction("card-42", "u1", "done:plan-7"), DingTalkCardAction.TryParse(callback.Data));
    }

    [Fact]
    public async Task Dropped_socket_reconnects_with_one_warning()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        await using var run = StreamRun.Start(server, (_, _) => Task.FromResult(true));
        var first = await server.NextConnectionAsync();
        await first.SendSystemAsync("ping", "p1", """{"opaque":"1"}""");
        await first.NextFrameAsync();

        first.Drop();
        var second = await server.NextConnectionAsync();
        await second.SendSystemAsync("ping", "p2", """{"opaque":"2"}""");
        var pong = await second.NextFrameAsync();

        Assert.Equal("p2", pong.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal(2, server.OpenRequests.Count);
        var warnings = run.Log.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.DoesNotContain("   at ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_makes_the_client_close_and_reconnect()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        await using var run = StreamRun.Start(server, (_, _) => Task.FromResult(true));
        var first = await server.NextConnectionAsync();

        await first.SendSystemAsync("disconnect", null, """{"reason":"connection is expired"}""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.Closed.WaitAsync(TimeSpan.FromSeconds(15)));
        var second = await server.NextConnectionAsync();
        await second.SendSystemAsync("ping", "p", """{"opaque":"x"}""");
        await second.NextFrameAsync();
        Assert.DoesNotContain(run.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_closes_the_socket_and_ends_the_run()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        var run = StreamRun.Start(server, (_, _) => Task.FromResult(true));
        var connection = await server.NextConnectionAsync();
        await connection.SendSystemAsync("ping", "p", """{"opaque":"x"}""");
        await connection.NextFrameAsync();

        await run.DisposeAsync();

        Assert.True(run.Task.IsCompletedSuccessfully);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.Closed.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.DoesNotContain(run.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_registration_is_retried_without_the_secret_in_the_log()
    {
        await using var server = await DingTalkClientMiniStream.StartAsync();
        // Nothing listens on the WebSocket path of this base URL's sibling: point the client at a 404 for connections/open.
        await using var run = StreamRun.Start(server, (_, _) => Task.FromResult(true), apiBaseUrl: server.BaseUrl + "/nowhere");

        await WaitUntilAsync(() => run.Log.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal)) >= 2);

        Assert.All(run.Log.Lines, l => Assert.DoesNotContain(DingTalkStub.ClientSecret, l, StringComparison.Ordinal));
        Assert.Contains(run.Log.Lines, l => l.Contains("HTTP 404", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }
    }

    /// <summary>A running client; disposing cancels it and waits (bounded) for RunAsync to end.</summary>
    private sealed class StreamRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        private StreamRun()
        {
        }

        public ListLogger<DingTalkStreamClient> Log { get; } = new();

        public Task Task { get; private set; } = Task.CompletedTask;

        public static StreamRun Start(DingTalkClientMiniStream server, Func<DingTalkCallback, CancellationToken, Task<bool>> handler, string? apiBaseUrl = null)
        {
            var run = new StreamRun();
            var options = Microsoft.Extensions.Options.Options.Create(new DingTalkOptions
            {
                ClientId = DingTalkStub.ClientId,
                ClientSecret = DingTalkStub.ClientSecret,
                RobotCode = "robot-1",
                ApiBaseUrl = apiBaseUrl ?? server.BaseUrl,
            });
            var client = new DingTalkStreamClient(new PlainHttp(), options, TimeProvider.System, run.Log)
            {
                ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            };
            run.Task = client.RunAsync(handler, run._stop.Token);
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(15));
            _stop.Dispose();
        }
    }

    private sealed class PlainHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
