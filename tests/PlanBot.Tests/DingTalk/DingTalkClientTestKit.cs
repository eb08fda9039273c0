using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

/// <summary>A stub DingTalk over HttpMessageHandler: tokens on /v1.0/oauth2/accessToken, everything else from <see cref="Respond"/>.</summary>
internal sealed class DingTalkStub : HttpMessageHandler, IHttpClientFactory
{
    public const string ClientId = "dingclientid";
    public const string ClientSecret = "S3cr3t-never-print-this";

    private int _tokenCount;

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public int TokenFetches => Volatile.Read(ref _tokenCount);

    /// <summary>Answers the token endpoint; default: a fresh token per fetch, valid 7,200 s.</summary>
    public Func<int, Task<HttpResponseMessage>> TokenResponder { get; set; } = n => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"accessToken":"tok{{n}}","expireIn":7200}"""));

    public Func<HttpRequestMessage, string, HttpResponseMessage> Respond { get; set; } = (_, _) => Json(HttpStatusCode.OK, """{"processQueryKey":"pqk"}""");

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public IEnumerable<(HttpRequestMessage Request, string Body)> Calls(string pathEnd) =>
        Requests.Where(r => r.Request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        if (request.RequestUri!.AbsolutePath == "/v1.0/oauth2/accessToken")
        {
            return await TokenResponder(Interlocked.Increment(ref _tokenCount));
        }

        return Respond(request, body);
    }
}

/// <summary>Collects every log line (message and exception) so tests can look for leaks.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}

internal sealed class DingTalkKit : IDisposable
{
    public DingTalkKit(FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        Options = Microsoft.Extensions.Options.Options.Create(new DingTalkOptions
        {
            ClientId = DingTalkStub.ClientId,
            ClientSecret = DingTalkStub.ClientSecret,
            RobotCode = "robot-1",
            ApiBaseUrl = "http://127.0.0.1:9/",
            OapiBaseUrl = "http://127.0.0.1:9",
        });
        Tokens = new DingTalkAccessTokens(Stub, Options, Time, TokenLog);
        Api = new DingTalkApi(Stub.CreateClient("api"), Tokens, Options, ApiLog);
    }

    public FakeTimeProvider Time { get; }

    public DingTalkStub Stub { get; } = new();

    public IOptions<DingTalkOptions> Options { get; }

    public ListLogger<DingTalkAccessTokens> TokenLog { get; } = new();

    public ListLogger<DingTalkApi> ApiLog { get; } = new();

    public DingTalkAccessTokens Tokens { get; }

    public DingTalkApi Api { get; }

    public IEnumerable<string> AllLogLines => TokenLog.Lines.Concat(ApiLog.Lines);

    public void Dispose()
    {
        Tokens.Dispose();
        Stub.Dispose();
    }
}
