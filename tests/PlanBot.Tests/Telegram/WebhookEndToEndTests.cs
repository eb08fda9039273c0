using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlanBot.Inbox;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

public sealed class WebhookEndToEndTests
{
    private const string Secret = "s3cret_webhook-token";
    private const string PublicUrl = "https://planbot.example.test/telegram/update";

    [Fact]
    public async Task Start_in_webhook_mode_registers_the_webhook_with_its_secret()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        var call = await api.WaitForCallAsync("setWebhook");

        Assert.Equal(PublicUrl, (string?)call.Parameters["url"]);
        Assert.Equal(Secret, (string?)call.Parameters["secret_token"]);
        Assert.Empty(api.CallsTo("getUpdates"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData(Secret + "x")]
    public async Task Update_without_the_right_secret_is_refused_and_not_stored(string? secret)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        using var response = await PostUpdateAsync(bot, secret, UpdateJson(9001, "sneaky"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var check = bot.CreateDbContext();
        Assert.Empty(await check.Inbox.ToListAsync());
    }

    [Fact]
    public async Task Update_with_the_right_secret_is_stored_once_and_answered()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        using var first = await PostUpdateAsync(bot, Secret, UpdateJson(9002, "hello hook"));
        using var again = await PostUpdateAsync(bot, Secret, UpdateJson(9002, "hello hook"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: hello hook");
        await bot.WaitForDatabaseAsync(async db => await db.Inbox.AnyAsync(e => e.State == InboxState.Processed));
        await using var check = bot.CreateDbContext();
        Assert.Equal(1, await check.Inbox.CountAsync(e => e.UpdateId == 9002));
        Assert.Single(api.SentMessages, c => c.Text == "echo: hello hook");
    }

    [Fact]
    public async Task Unreadable_update_with_the_right_secret_is_a_bad_request()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        using var response = await PostUpdateAsync(bot, Secret, "{ not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"message":{"message_id":5,"date":1700000000,"chat":{"id":77,"type":"private"},"text":"no id"}}""")]
    [InlineData("""{"update_id":"x","message":{"message_id":5,"date":1700000000,"chat":{"id":77,"type":"private"},"text":"bad id"}}""")]
    [InlineData("[]")]
    public async Task Update_without_an_update_id_is_a_bad_request_and_is_not_stored(string body)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        using var response = await PostUpdateAsync(bot, Secret, body);
        using var second = await PostUpdateAsync(bot, Secret, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        await using var check = bot.CreateDbContext();
        Assert.Empty(await check.Inbox.ToListAsync());
    }

    [Fact]
    public async Task Update_with_an_id_but_an_unreadable_field_is_recorded_as_unreadable_and_answered()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);

        using var response = await PostUpdateAsync(bot, Secret, UpdateJson(9003, "bad").Replace("\"message_id\":5", "\"message_id\":\"abc\"", StringComparison.Ordinal));
        using var next = await PostUpdateAsync(bot, Secret, UpdateJson(9004, "next"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: next");
        await using var check = bot.CreateDbContext();
        var entry = await check.Inbox.SingleAsync(e => e.UpdateId == 9003);
        Assert.Equal(InboxState.Unreadable, entry.State);
        Assert.Contains("\"abc\"", entry.Payload, StringComparison.Ordinal);
        Assert.Single(bot.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("9003", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_one_megabyte_is_refused_with_413_and_not_stored(bool withLength)
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);
        // A readable update, made too large by its text.
        var body = Encoding.UTF8.GetBytes(UpdateJson(9005, new string('x', 1024 * 1024)));

        using var response = await PostUpdateAsync(bot, Secret, withLength ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var check = bot.CreateDbContext();
        Assert.Empty(await check.Inbox.ToListAsync());
    }

    [Fact]
    public async Task Body_that_arrives_too_slowly_is_cut_with_one_warning_and_no_stack_trace()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await StartWebhookBotAsync(api);
        var listen = new Uri(bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelegramOptions>>().Value.WebhookListenUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, listen.Port);
        var stream = client.GetStream();
        var head = $"POST {TelegramWebhookReceiver.Path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{TelegramWebhookReceiver.SecretHeader}: {Secret}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"update_id\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Nothing more is sent: Kestrel's minimum body data rate (240 bytes/s after a 5 s grace) cuts the request.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.ReadAsync(buffer, timeout.Token) > 0)
        {
        }

        // The receiver's lines only: the host may warn about other things on some dates (a year the holiday calendar
        // lacks), which is not what this test is about.
        static bool FromReceiver(CapturedLogs.LogLine l) => l.Category == typeof(TelegramWebhookReceiver).FullName && l.Level >= LogLevel.Warning;
        await bot.WaitForLogAsync(FromReceiver, TimeSpan.FromSeconds(15), "the receiver's warning");
        var line = Assert.Single(bot.Logs.Lines, FromReceiver);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Null(line.Exception);
        Assert.Contains("body", line.Message, StringComparison.OrdinalIgnoreCase);
        await using var check = bot.CreateDbContext();
        Assert.Empty(await check.Inbox.ToListAsync());
    }

    [Fact]
    public void Secret_comparison_accepts_only_the_exact_secret()
    {
        Assert.True(TelegramWebhookReceiver.SecretMatches(Secret, Secret));
        Assert.False(TelegramWebhookReceiver.SecretMatches("", Secret));
        Assert.False(TelegramWebhookReceiver.SecretMatches(Secret.ToUpperInvariant(), Secret));
        Assert.False(TelegramWebhookReceiver.SecretMatches("", ""));
    }

    private static Task<BotTestHost> StartWebhookBotAsync(FakeBotApiServer api) =>
        EchoBot.StartAsync(api, o =>
        {
            o.Settings["Telegram:Mode"] = "Webhook";
            o.Settings["Telegram:WebhookUrl"] = PublicUrl;
            o.Settings["Telegram:WebhookSecret"] = Secret;
            o.Settings["Telegram:WebhookListenUrl"] = $"http://127.0.0.1:{FreePort()}";
        });

    private static Task<HttpResponseMessage> PostUpdateAsync(BotTestHost bot, string? secret, string body) =>
        PostUpdateAsync(bot, secret, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> PostUpdateAsync(BotTestHost bot, string? secret, HttpContent content)
    {
        var listenUrl = bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelegramOptions>>().Value.WebhookListenUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, listenUrl + TelegramWebhookReceiver.Path)
        {
            Content = content,
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookReceiver.SecretHeader, secret);
        }

        return await http.SendAsync(request);
    }

    private static string UpdateJson(long updateId, string text) =>
        $$"""
        {"update_id":{{updateId}},"message":{"message_id":5,"date":1700000000,"chat":{"id":77,"type":"private","first_name":"A"},
         "from":{"id":77,"is_bot":false,"first_name":"A"},"text":"{{text}}"} }
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
