using System.Text.Json.Nodes;

namespace PlanBot.Tests.FakeBotApi;

/// <summary>One request the fake received, and how it answered.</summary>
/// <param name="Method">The Bot API method, as in the URL (sendMessage, getUpdates …).</param>
/// <param name="Parameters">Every parameter (JSON body or multipart form fields).</param>
/// <param name="StatusCode">200, or the injected / enforced error.</param>
/// <param name="MessageId">The id given to a sent or edited message.</param>
public sealed record ApiCall(
    string Method,
    long? ChatId,
    string? Text,
    JsonNode? ReplyMarkup,
    DateTimeOffset At,
    int StatusCode,
    long? MessageId,
    JsonObject Parameters)
{
    public bool Succeeded => StatusCode == 200;

    /// <summary>The labels of the inline buttons, row by row flattened.</summary>
    public IReadOnlyList<string> ButtonLabels =>
        ReplyMarkup?["inline_keyboard"]?.AsArray()
            .SelectMany(row => row!.AsArray())
            .Select(b => (string?)b!["text"] ?? "")
            .ToList() ?? [];
}

/// <summary>A failure the fake answers with instead of doing the call.</summary>
public abstract record Fault
{
    public sealed record TooManyRequests(int RetryAfterSeconds) : Fault;

    public sealed record Forbidden(string Description = "Forbidden: bot was blocked by the user") : Fault;

    public sealed record ServerError : Fault;

    public sealed record BadRequest(string Description) : Fault;

    /// <summary>Answers 200 with a body that is not JSON.</summary>
    public sealed record MalformedJson : Fault;

    /// <summary>Waits, then answers normally (not counted as a failure).</summary>
    public sealed record Slow(TimeSpan Delay) : Fault;
}
