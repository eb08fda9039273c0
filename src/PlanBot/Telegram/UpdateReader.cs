using System.Globalization;
using System.Text.Json;
using PlanBot.Chat;
using PlanBot.Inbox;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PlanBot.Telegram;

/// <summary>
/// Reads updates one at a time from the raw JSON Telegram sent, so that one Telegram.Bot cannot read (a message id of
/// "abc", one beyond 32 bits, a date in the year 318857) is set aside as <see cref="UnreadableUpdate"/> instead of
/// failing the whole getUpdates batch, which would keep the offset where it is and block every later update.
/// </summary>
public static class UpdateReader
{
    /// <summary>A getUpdates batch read item by item.</summary>
    /// <param name="NextOffset">
    /// One past the highest update id seen, readable or not; null when no item had a readable id (nothing can be
    /// confirmed then).
    /// </param>
    public sealed record Batch(IReadOnlyList<InboundMessage> Readable, IReadOnlyList<UnreadableUpdate> Unreadable, long? NextOffset);

    public static Batch ReadBatch(IEnumerable<JsonElement> items)
    {
        var readable = new List<InboundMessage>();
        var unreadable = new List<UnreadableUpdate>();
        long? highest = null;
        foreach (var item in items)
        {
            var id = UpdateId(item);
            if (id is { } seen)
            {
                highest = highest is { } h ? Math.Max(h, seen) : seen;
            }

            var read = Read(item);
            if (read.Message is { } message)
            {
                readable.Add(message);
            }
            else
            {
                unreadable.Add(read.Unreadable!);
            }
        }

        return new Batch(readable, unreadable, highest + 1);
    }

    /// <summary>One update: either the message it maps to, or why it could not be read.</summary>
    public static (InboundMessage? Message, UnreadableUpdate? Unreadable) Read(JsonElement item)
    {
        try
        {
            var update = item.Deserialize<Update>(JsonBotAPI.Options)
                ?? throw new JsonException("The update is null.");
            if (UpdateId(item) is not { } id || id != update.Id)
            {
                throw new JsonException("The update has no readable update_id.");
            }

            return (UpdateMapper.Map(update), null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            return (null, new UnreadableUpdate(UpdateId(item), item.GetRawText(), $"{e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>The update_id, when it is an integer (as a JSON number or, leniently, a string of digits).</summary>
    public static long? UpdateId(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("update_id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.Number when id.TryGetInt64(out var number) => number,
                JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;
}
