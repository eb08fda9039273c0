using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace PlanBot.Telegram;

/// <summary>
/// getUpdates through the bot client (same base URL, token and HTTP client), answered as raw JSON items: the
/// <see cref="UpdateReader"/> reads each one on its own. The offset is a long, so an update id beyond 32 bits cannot
/// stop polling either.
/// </summary>
public sealed class RawGetUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; } = 100;

    [JsonPropertyName("timeout")]
    public int Timeout { get; init; }

    [JsonPropertyName("allowed_updates")]
    public IReadOnlyList<UpdateType> AllowedUpdates { get; init; } = [];
}
