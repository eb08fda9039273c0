using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanBot.Plans;

/// <summary>The channels PlanBot speaks on. Stored by name.</summary>
public enum Channel
{
    Telegram,
    DingTalk,

    /// <summary>The local console chat (no Telegram token, no DingTalk credentials).</summary>
    Console,
}

/// <summary>
/// Where a person or a group is reached: a channel and the channel's own id for the chat (Telegram's chat id; DingTalk's
/// staff id for a private chat, the open conversation id for a group). A person's user id is an address too: on both
/// channels a private chat is addressed by the user's id.
/// </summary>
/// <remarks>
/// Stored as one text column, "telegram:-1001234" or "dingtalk:cidAbC…", so it can be indexed and compared in SQL; in
/// JSON (the inbox's payloads) as the same text.
/// </remarks>
[JsonConverter(typeof(ChatAddressJsonConverter))]
public readonly record struct ChatAddress(Channel Channel, string Id) : IComparable<ChatAddress>, IComparable
{
    public static ChatAddress Telegram(long chatId) => new(Channel.Telegram, chatId.ToString(CultureInfo.InvariantCulture));

    public static ChatAddress DingTalk(string id) => new(Channel.DingTalk, id);

    public static ChatAddress Console(long chatId) => new(Channel.Console, chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A Telegram chat id as an address. Convenient in tests written before DingTalk; product code says which channel it
    /// means (BannedSymbols.txt bans this conversion there).
    /// </summary>
    public static implicit operator ChatAddress(long telegramChatId) => Telegram(telegramChatId);

    /// <summary>The id as a number, for Telegram and the console (whose ids are numbers); null for DingTalk.</summary>
    public long? Number => Channel != Channel.DingTalk && long.TryParse(Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public override string ToString() => Stored(this);

    /// <summary>By channel, then by id as text: a stable order for lists and reports.</summary>
    public int CompareTo(ChatAddress other) => Channel != other.Channel ? Channel.CompareTo(other.Channel) : string.CompareOrdinal(Id, other.Id);

    public int CompareTo(object? obj) => obj is ChatAddress other ? CompareTo(other) : 1;

    public static bool operator <(ChatAddress left, ChatAddress right) => left.CompareTo(right) < 0;

    public static bool operator <=(ChatAddress left, ChatAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >(ChatAddress left, ChatAddress right) => left.CompareTo(right) > 0;

    public static bool operator >=(ChatAddress left, ChatAddress right) => left.CompareTo(right) >= 0;

    public static string Stored(ChatAddress address) => address.Channel switch
    {
        Channel.Telegram => "telegram:",
        Channel.DingTalk => "dingtalk:",
        _ => "console:",
    } + address.Id;

    public static ChatAddress Parse(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        var channel = colon < 0 ? "" : stored[..colon];
        return channel switch
        {
            "telegram" => new(Channel.Telegram, stored[(colon + 1)..]),
            "dingtalk" => new(Channel.DingTalk, stored[(colon + 1)..]),
            "console" => new(Channel.Console, stored[(colon + 1)..]),
            _ => throw new FormatException($"'{stored}' is not a stored chat address (channel:id)."),
        };
    }
}

/// <summary>
/// Writes a <see cref="ChatAddress"/> as its stored text; also reads the bare numbers inbox payloads held before DingTalk
/// (a Telegram chat id, or one of the console's own ids at or below -9×10^12), so updates pending at an upgrade still apply.
/// </summary>
public sealed class ChatAddressJsonConverter : JsonConverter<ChatAddress>
{
    private const long FirstConsoleId = -9_000_000_000_000;

    public override ChatAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.GetInt64() is var id => id <= FirstConsoleId ? ChatAddress.Console(id) : ChatAddress.Telegram(id),
        JsonTokenType.String => ChatAddress.Parse(reader.GetString()!),
        _ => throw new JsonException("A chat address is a string (channel:id)."),
    };

    public override void Write(Utf8JsonWriter writer, ChatAddress value, JsonSerializerOptions options) => writer.WriteStringValue(ChatAddress.Stored(value));
}
