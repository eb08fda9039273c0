using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Telegram;
using PlanBot.Chat;

namespace PlanBot.Tests.Outbox;

/// <summary>The sender against the fake Bot API: rows are written straight into the outbox, as features do.</summary>
public sealed class OutboxSenderEndToEndTests
{
    [Fact]
    public async Task Sixty_messages_to_twenty_chats_keep_telegram_limits()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.EnforceLimits = true;
        await using var bot = await EchoBot.StartAsync(api);

        var messages = Enumerable.Range(0, 60).Select(i => new OutgoingMessage(1000 + (i % 20), $"message {i}")).ToList();
        await EnqueueAsync(bot, messages);

        await api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded) == 60, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(api.Calls, c => c.StatusCode == 429);
        foreach (var chat in messages.GroupBy(m => m.ChatId))
        {
            // Per chat, in the order they were written.
            Assert.Equal(chat.Select(m => m.Text), api.SentMessages.Where(c => c.ChatId == chat.Key).Select(c => c.Text));
        }
    }

    [Fact]
    public async Task Flood_control_stops_every_send_not_yet_started_for_retry_after_and_delivers_each_message_once()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.TooManyRequests(1), times: 4);
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, Enumerable.Range(0, 25).Select(i => new OutgoingMessage(2000 + i, $"storm {i}")));

        var calls = await api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded) == 25, TimeSpan.FromSeconds(30));
        var sends = calls.Where(c => c.Method == "sendMessage").OrderBy(c => c.At).ToList();
        Assert.Equal(4, sends.Count(c => c.StatusCode == 429));
        for (var i = 0; i < 25; i++)
        {
            Assert.Single(sends, c => c.Succeeded && c.Text == $"storm {i}");
        }

        // The first wave's sends were all on their way when the first 429 came back; none started after it until
        // retry_after had passed (they are answered within milliseconds on loopback, so the 100 ms allows for that).
        var refused = sends.First(c => c.StatusCode == 429).At;
        var inPause = sends.Where(c => c.At > refused + TimeSpan.FromMilliseconds(100) && c.At < refused + TimeSpan.FromMilliseconds(900)).ToList();
        Assert.True(inPause.Count == 0, $"{inPause.Count} send(s) went during the pause, the first {(inPause.FirstOrDefault()?.At - refused)?.TotalMilliseconds} ms after the 429");
        Assert.Contains(sends, c => c.At >= refused + TimeSpan.FromMilliseconds(900));

        // Telegram answered before the sender recorded the last row.
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AllAsync(m => m.State == OutboxState.Sent));
        await using var check = bot.CreateDbContext();
        Assert.All(await check.Outbox.ToListAsync(), m =>
        {
            Assert.Equal(OutboxState.Sent, m.State);
            Assert.Equal(0, m.Attempts);
        });
    }

    [Fact]
    public async Task An_answer_to_a_person_goes_ahead_of_a_reminder_fan_out_queued_before_it()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);
        var fanOut = Enumerable.Range(0, 60).Select(i => new OutgoingMessage(8000 + i, $"reminder {i}")).ToList();
        // A member of the fan-out asks something: the answer is behind the chat's own reminder, never before it.
        var answers = new[]
        {
            new OutgoingMessage(9000, "your tasks") { IsAnswer = true },
            new OutgoingMessage(8059, "answer after a reminder") { IsAnswer = true },
        };

        await EnqueueAsync(bot, [.. fanOut, .. answers]);

        await api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded) == 62, TimeSpan.FromSeconds(30));
        var order = api.SentMessages.OrderBy(c => c.At).Select(c => c.Text).ToList();
        const int wave = PlanBot.Telegram.TelegramMessageTransport.SendsInFlight;
        Assert.InRange(order.IndexOf("your tasks"), 0, wave - 1);
        Assert.InRange(order.IndexOf("reminder 59"), 0, wave - 1);
        // Per chat, still in the order written.
        Assert.True(order.IndexOf("reminder 59") < order.IndexOf("answer after a reminder"));
    }

    [Fact]
    public async Task Server_errors_and_network_trouble_are_retried_until_delivered()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.ServerError(), times: 1);
        api.Inject("sendMessage", new Fault.MalformedJson(), times: 1);
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, [new OutgoingMessage(3000, "persistent")]);

        var delivered = await api.WaitForCallAsync("sendMessage", c => c.Text == "persistent" && c.MessageId is not null, TimeSpan.FromSeconds(20));
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.State == OutboxState.Sent));
        await using var check = bot.CreateDbContext();
        var row = await check.Outbox.SingleAsync();
        Assert.Equal(2, row.Attempts);
        Assert.Equal(delivered.MessageId, row.TelegramMessageId);
    }

    [Fact]
    public async Task Blocked_member_is_marked_unreachable_and_admins_are_told_in_their_language()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.Forbidden(), chatId: 4001);
        await using var bot = await EchoBot.StartAsync(api);
        int ownerId;
        await using (var db = bot.CreateDbContext())
        {
            var owner = new Member { Name = "投资科负责人", Roles = MemberRoles.Owner, ChatId = 4001, Contacts = { MemberContact.Telegram(4001) } };
            db.Members.AddRange(
                owner,
                new Member { Name = "办公室管理员", Roles = MemberRoles.Admin, ChatId = 4002, Contacts = { MemberContact.Telegram(4002) } },
                new Member { Name = "Deputy admin", Roles = MemberRoles.Admin | MemberRoles.Supervisor, ChatId = 4003, Contacts = { MemberContact.Telegram(4003) }, Language = Languages.English },
                new Member { Name = "未加入的管理员", Roles = MemberRoles.Admin });
            await db.SaveChangesAsync();
            ownerId = owner.Id;
        }

        // The blocked chat's send is one of a wave: the others in it are delivered as usual.
        await EnqueueAsync(bot,
        [
            new OutgoingMessage(4001, "reminder") { RecipientMemberId = ownerId },
            .. Enumerable.Range(1, 5).Select(i => new OutgoingMessage(4100 + i, $"wave {i}")),
        ]);

        var chinese = await api.WaitForCallAsync("sendMessage", c => c.ChatId == 4002);
        var english = await api.WaitForCallAsync("sendMessage", c => c.ChatId == 4003);
        Assert.Contains("无法联系 <b>投资科负责人</b>", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("<b>投资科负责人</b> can no longer be reached", english.Text, StringComparison.Ordinal);
        await using var check = bot.CreateDbContext();
        Assert.False((await check.Members.SingleAsync(m => m.Id == ownerId)).Reachable);
        var failed = await check.Outbox.SingleAsync(m => m.ChatId == 4001);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Contains("blocked", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(2 + 5, await check.Outbox.CountAsync(m => m.ChatId != 4001));
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.CountAsync(m => m.State == OutboxState.Sent) == 2 + 5);
        Assert.Equal(5, api.SentMessages.Count(c => c.Text!.StartsWith("wave ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Refused_message_fails_with_its_error_and_does_not_block_the_chat()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.BadRequest("Bad Request: can't parse entities"), times: 1);
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, [new OutgoingMessage(5000, "<b>broken"), new OutgoingMessage(5000, "fine")]);

        await api.WaitForCallAsync("sendMessage", c => c.Text == "fine");
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.CountAsync(m => m.State != OutboxState.Pending) == 2);
        await using var check = bot.CreateDbContext();
        var broken = await check.Outbox.SingleAsync(m => m.Text == "<b>broken");
        Assert.Equal(OutboxState.Failed, broken.State);
        Assert.Contains("can't parse entities", broken.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_card_to_what_it_already_shows_counts_as_sent()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("editMessageText", new Fault.BadRequest("Bad Request: message is not modified: specified new message content and reply markup are exactly the same"));
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, [new OutgoingMessage(6000, "same card") { EditMessageId = 42 }]);

        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.State == OutboxState.Sent && m.TelegramMessageId == 42));
        Assert.Empty(api.SentMessages);
    }

    [Fact]
    public async Task Card_too_old_to_edit_is_sent_as_a_new_message()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("editMessageText", new Fault.BadRequest("Bad Request: message to edit not found"));
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, [new OutgoingMessage(6100, "fresh card") { EditMessageId = 9, TaskId = 4 }]);

        var sent = await api.WaitForCallAsync("sendMessage", c => c.Text == "fresh card");
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.State == OutboxState.Sent && m.TelegramMessageId == sent.MessageId));
        await using var check = bot.CreateDbContext();
        Assert.Equal(4, (await SentMessages.FindAsync(check, 6100, sent.MessageId!.Value))?.TaskId);
    }

    [Fact]
    public async Task Slow_answer_is_waited_for_and_the_message_is_delivered_once()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.Slow(TimeSpan.FromSeconds(2)), times: 1, chatId: 6200);
        await using var bot = await EchoBot.StartAsync(api);

        await EnqueueAsync(bot, [new OutgoingMessage(6200, "slow"), new OutgoingMessage(6201, "quick")]);

        await api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded) == 2);
        var slow = Assert.Single(api.SentMessages, c => c.Text == "slow");
        var quick = Assert.Single(api.SentMessages, c => c.Text == "quick");
        // Sent side by side: the other chat's message did not wait for the slow answer.
        Assert.True(quick.At < slow.At, "the quick message waited for the slow one");
    }

    [Fact]
    public async Task A_message_still_on_its_way_is_not_sent_again_when_its_claim_is_gone()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("sendMessage", new Fault.Slow(TimeSpan.FromSeconds(3)), times: 1, chatId: 6300);
        await using var bot = await EchoBot.StartAsync(api);

        var queued = TimeProvider.System.GetUtcNow();
        await EnqueueAsync(bot, [new OutgoingMessage(6300, "on its way")]);
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.ClaimedUntilUtc != null));
        // The claim goes while the send is out (it ran out, or the chat moved and its rows were released), and a new
        // message wakes the sender.
        await using (var db = bot.CreateDbContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null));
        }

        await EnqueueAsync(bot, [new OutgoingMessage(6301, "wake up")]);

        // The slow send's own answer (the fake records a call when it answers): a second send of the row, had there been
        // one, went out and was answered before it.
        await api.WaitForCallAsync("sendMessage", c => c.Text == "on its way" && c.At - queued >= TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(20));
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AllAsync(m => m.State == OutboxState.Sent));
        Assert.Single(api.Calls, c => c.Method == "sendMessage" && c.Text == "on its way");
    }

    [Fact]
    public async Task Report_with_a_long_text_goes_as_a_file_with_a_short_caption_then_the_text()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);
        var text = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"逾期任务 {i}：{new string('说', 40)}"));

        await EnqueueAsync(bot,
        [
            new OutgoingMessage(-7000, text) { Attachment = new Attachment("逾期报告-2024-05.xlsx", [1, 2, 3], AttachmentKind.Document) },
            new OutgoingMessage(-7000, "chart") { Attachment = new Attachment("chart.png", [4, 5], AttachmentKind.Photo) },
        ]);

        var document = await api.WaitForCallAsync("sendDocument", timeout: TimeSpan.FromSeconds(20));
        var body = await api.WaitForCallAsync("sendMessage", timeout: TimeSpan.FromSeconds(20));
        var photo = await api.WaitForCallAsync("sendPhoto", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal("逾期报告-2024-05.xlsx", document.Text);
        Assert.Equal("<file 逾期报告-2024-05.xlsx, 3 bytes>", (string?)document.Parameters["document"]);
        Assert.Equal(text, body.Text);
        Assert.Equal("chart", photo.Text);
        Assert.True(document.At < body.At && body.At < photo.At);
    }

    private static async Task EnqueueAsync(BotTestHost bot, IEnumerable<OutgoingMessage> messages)
    {
        await using var db = bot.CreateDbContext();
        db.Enqueue(TimeProvider.System.GetUtcNow().UtcDateTime, messages);
        await db.SaveChangesAsync();
    }
}
