using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanBot.Inbox;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

/// <summary>
/// One update Telegram.Bot cannot read must not stop polling: it is recorded as Unreadable (raw JSON kept, one
/// warning), never processed, and the offset moves past it, so everyone's later updates still arrive.
/// </summary>
public sealed class PoisonUpdateTests
{
    private const long Chat = 4301;
    private const long OtherChat = 4302;

    [Fact]
    public async Task Unreadable_updates_are_recorded_and_skipped_and_later_updates_from_everyone_still_arrive()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        // Queued before the bot starts, so the first getUpdates returns them all in one batch, as after an outage.
        api.EnqueueText(Chat, Chat, "before");
        var textId = api.TextMessageJson(Chat, Chat, "text id");
        textId["message_id"] = "abc";
        var hugeId = api.TextMessageJson(Chat, Chat, "huge id");
        hugeId["message_id"] = 1L << 40;
        var farDate = api.TextMessageJson(Chat, Chat, "far date");
        farDate["date"] = 10_000_000_000_000L;
        long[] poisoned =
        [
            api.EnqueueRaw(new JsonObject { ["message"] = textId }),
            api.EnqueueRaw(new JsonObject { ["message"] = hugeId }),
            api.EnqueueRaw(new JsonObject { ["message"] = farDate }),
        ];
        api.EnqueueText(OtherChat, OtherChat, "after");

        await using var bot = await EchoBot.StartAsync(api);

        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: after", TimeSpan.FromSeconds(20));
        await bot.WaitForDatabaseAsync(async db => await db.Inbox.CountAsync(e => e.State == InboxState.Processed) == 2, what: "both readable updates processed");
        await using var check = bot.CreateDbContext();
        var unreadable = await check.Inbox.Where(e => e.State == InboxState.Unreadable).OrderBy(e => e.UpdateId).ToListAsync();
        Assert.Equal(poisoned.Cast<long?>(), unreadable.Select(e => e.UpdateId));
        Assert.Contains("\"abc\"", unreadable[0].Payload, StringComparison.Ordinal);
        Assert.Contains("1099511627776", unreadable[1].Payload, StringComparison.Ordinal);
        Assert.Contains("10000000000000", unreadable[2].Payload, StringComparison.Ordinal);
        Assert.All(unreadable, e => Assert.False(string.IsNullOrEmpty(e.Error)));
        Assert.All(unreadable, e => Assert.Null(e.ProcessedAtUtc));
        Assert.Equal(poisoned[^1] + 2, await InboxStore.LoadOffsetAsync(check, CancellationToken.None));
        Assert.Equal(2, api.SentMessages.Count);
        // The raw request asks for what the typed one asked for.
        Assert.All(api.CallsTo("getUpdates"), c => Assert.Equal(
            """["message","edited_message","callback_query","my_chat_member"]""", c.Parameters["allowed_updates"]?.ToJsonString()));

        var warnings = bot.Logs.Lines.Where(l => l.Level >= LogLevel.Warning).ToList();
        Assert.Equal(3, warnings.Count(l => l.Message.Contains("could not be read", StringComparison.Ordinal)));
        Assert.DoesNotContain(warnings, l => l.Message.Contains("getUpdates failed", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Update_whose_id_cannot_be_read_is_recorded_once_and_polling_moves_past_its_neighbours()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.EnqueueText(Chat, Chat, "before");
        api.EnqueueRaw(new JsonObject { ["update_id"] = "x", ["message"] = api.TextMessageJson(Chat, Chat, "no id") });
        var after = api.EnqueueText(OtherChat, OtherChat, "after");

        await using var bot = await EchoBot.StartAsync(api);

        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: after", TimeSpan.FromSeconds(20));
        // Another round of polling, after which Telegram must not have sent the unreadable update again.
        var polls = api.CallsTo("getUpdates").Count;
        await api.WaitForAsync(cs => cs.Count(c => c.Method == "getUpdates") > polls + 1);
        await using var check = bot.CreateDbContext();
        var entry = await check.Inbox.SingleAsync(e => e.State == InboxState.Unreadable);
        Assert.Null(entry.UpdateId);
        Assert.Contains("no id", entry.Payload, StringComparison.Ordinal);
        Assert.Equal(after + 1, await InboxStore.LoadOffsetAsync(check, CancellationToken.None));
    }

    [Fact]
    public void A_batch_is_read_item_by_item_and_the_offset_passes_the_highest_id_seen()
    {
        using var json = JsonDocument.Parse("""
            [
              {"update_id":5,"message":{"message_id":1,"date":1700000000,"chat":{"id":42,"type":"private"},"text":"ok"}},
              {"update_id":6,"message":{"message_id":"abc","date":1700000000,"chat":{"id":42,"type":"private"},"text":"bad"}},
              {"update_id":"seven","message":{"message_id":3,"date":1700000000,"chat":{"id":42,"type":"private"},"text":"bad id"}},
              {"update_id":1099511627776,"message":{"message_id":4,"date":1700000000,"chat":{"id":42,"type":"private"},"text":"big id"}}
            ]
            """);

        var batch = UpdateReader.ReadBatch(json.RootElement.EnumerateArray());

        Assert.Equal([5L], batch.Readable.Select(m => m.UpdateId));
        Assert.Equal([6L, null, 1099511627776L], batch.Unreadable.Select(u => u.UpdateId));
        Assert.Contains("message_id", batch.Unreadable[0].Error, StringComparison.Ordinal);
        Assert.Equal(1099511627777L, batch.NextOffset);
    }

    [Fact]
    public void A_batch_without_any_readable_id_confirms_nothing()
    {
        using var json = JsonDocument.Parse("""[{"update_id":null},{"message":{}}]""");

        var batch = UpdateReader.ReadBatch(json.RootElement.EnumerateArray());

        Assert.Empty(batch.Readable);
        Assert.Equal(2, batch.Unreadable.Count);
        Assert.Null(batch.NextOffset);
    }
}
