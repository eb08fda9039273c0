using Microsoft.EntityFrameworkCore;
using PlanBot.Inbox;
using PlanBot.Outbox;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

public sealed class PollingEndToEndTests
{
    private const long Chat = 4201;

    [Fact]
    public async Task Text_message_is_stored_processed_and_answered()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        var updateId = api.EnqueueText(Chat, Chat, "你好 <world>");

        var reply = await api.WaitForCallAsync("sendMessage", c => c.ChatId == Chat);
        Assert.Equal("echo: 你好 &lt;world&gt;", reply.Text);
        Assert.Equal("html", ((string?)reply.Parameters["parse_mode"])?.ToLowerInvariant());
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(m => m.State == OutboxState.Sent));
        await using var check = bot.CreateDbContext();
        var entry = await check.Inbox.SingleAsync();
        Assert.Equal(updateId, entry.UpdateId);
        Assert.Equal(InboxState.Processed, entry.State);
        var sent = await check.Outbox.SingleAsync();
        Assert.Equal(reply.MessageId, sent.TelegramMessageId);
    }

    [Fact]
    public async Task Polling_backs_off_and_recovers_when_telegram_fails()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("getUpdates", new Fault.ServerError(), times: 2);
        await using var bot = await EchoBot.StartAsync(api);

        api.EnqueueText(Chat, Chat, "after the outage");

        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: after the outage", TimeSpan.FromSeconds(20));
        var polls = api.CallsTo("getUpdates");
        Assert.Equal(500, polls[0].StatusCode);
        Assert.True(polls[2].At - polls[1].At >= TimeSpan.FromSeconds(1.5), "the second retry waits longer than the first");
    }

    [Fact]
    public async Task Redelivered_update_takes_effect_once()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        var updateId = api.EnqueueText(Chat, Chat, "once");
        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: once");
        api.Redeliver(updateId);
        api.EnqueueText(Chat, Chat, "after");
        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: after");

        Assert.Single(api.SentMessages, c => c.Text == "echo: once");
        await using var check = bot.CreateDbContext();
        Assert.Equal(1, await check.Inbox.CountAsync(e => e.UpdateId == updateId));
    }

    [Fact]
    public async Task Polling_offset_survives_a_restart_and_nothing_is_applied_twice()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        var databasePath = Path.Combine(Path.GetTempPath(), $"planbot-restart-{Guid.NewGuid():N}.db");
        try
        {
            long firstUpdate;
            await using (var first = await EchoBot.StartAsync(api, o => o.DatabasePath = databasePath))
            {
                firstUpdate = api.EnqueueText(Chat, Chat, "before restart");
                await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: before restart");
                await first.WaitForDatabaseAsync(async db => await db.BotState.AnyAsync(s => s.Key == InboxStore.PollingOffsetKey));
            }

            var callsBefore = api.Calls.Count;
            await using var second = await EchoBot.StartAsync(api, o => o.DatabasePath = databasePath);
            api.EnqueueText(Chat, Chat, "after restart");
            await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: after restart");

            var firstPoll = api.Calls.Skip(callsBefore).First(c => c.Method == "getUpdates");
            Assert.Equal(firstUpdate + 1, (long?)firstPoll.Parameters["offset"]);
            Assert.Single(api.SentMessages, c => c.Text == "echo: before restart");
        }
        finally
        {
            BotTestHost.DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task Button_press_is_answered_with_a_toast_and_edits_its_card()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        api.EnqueueCallback(Chat, Chat, messageId: 77, "p50");

        var toast = await api.WaitForCallAsync("answerCallbackQuery");
        Assert.Equal("got p50", (string?)toast.Parameters["text"]);
        var edit = await api.WaitForCallAsync("editMessageText");
        Assert.Equal(77, (long?)edit.Parameters["message_id"]);
        Assert.Equal("pressed p50", edit.Text);
    }

    [Fact]
    public async Task Button_press_without_an_answer_still_stops_the_spinner()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        var updateId = api.EnqueueCallback(Chat, Chat, messageId: 78, "quiet");

        var toast = await api.WaitForCallAsync("answerCallbackQuery");
        Assert.Null(toast.Parameters["text"]);
        await using var check = bot.CreateDbContext();
        Assert.Equal(InboxState.Processed, (await check.Inbox.SingleAsync(e => e.UpdateId == updateId)).State);
    }

    [Fact]
    public async Task Failing_update_is_set_aside_with_its_error_and_later_updates_still_run()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        var failing = api.EnqueueText(Chat, Chat, "/fail");
        api.EnqueueText(Chat, Chat, "next");

        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: next", TimeSpan.FromSeconds(20));
        await using var check = bot.CreateDbContext();
        var entry = await check.Inbox.SingleAsync(e => e.UpdateId == failing);
        Assert.Equal(InboxState.Failed, entry.State);
        Assert.Equal(InboxProcessor.MaxAttempts, entry.Attempts);
        Assert.Contains("failed on purpose", entry.Error, StringComparison.Ordinal);
        Assert.Single(api.SentMessages);
    }

    [Fact]
    public async Task Reply_to_any_part_of_a_split_message_is_matched_to_its_task()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        api.EnqueueText(Chat, Chat, "/long 100");
        var parts = await api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded) == 3, TimeSpan.FromSeconds(20));
        var sent = parts.Where(c => c.Method == "sendMessage" && c.Succeeded).ToList();
        Assert.All(sent, c => Assert.True(c.Text!.Length <= 4096));
        Assert.Empty(sent[0].ButtonLabels);
        Assert.Equal(["ok"], sent[2].ButtonLabels);
        Assert.StartsWith("<b>line</b> 1 ", sent[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("<b>line</b> 100 " + new string('x', 90), sent[2].Text, StringComparison.Ordinal);

        api.EnqueueText(Chat, Chat, "60 done tendering", replyToMessageId: sent[0].MessageId);

        await api.WaitForCallAsync("sendMessage", c => c.Text == "reply about task 7");
        await using var check = bot.CreateDbContext();
        var row = await check.Outbox.SingleAsync(m => m.TaskId == 7);
        Assert.Equal(sent[2].MessageId, row.TelegramMessageId);
        Assert.Equal(3, await check.SentMessages.CountAsync(m => m.OutboxId == row.Id && m.TaskId == 7));
    }

    [Fact]
    public async Task Start_registers_the_command_menu_in_both_languages_and_learns_the_bot_username()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await EchoBot.StartAsync(api);

        // The menu (set-up service) and deleteWebhook (poller) are called concurrently at start.
        var calls = await api.WaitForAsync(cs => cs.Count(c => c.Method == "setMyCommands") == 2 && cs.Any(c => c.Method == "deleteWebhook"));

        var menus = calls.Where(c => c.Method == "setMyCommands").ToList();
        var chinese = Assert.Single(menus, c => c.Parameters["language_code"] is null);
        var english = Assert.Single(menus, c => (string?)c.Parameters["language_code"] == "en");
        // The menu is the chat's registered commands, described as /help describes them.
        using var scope = bot.Services.CreateScope();
        var registered = scope.ServiceProvider.GetServices<PlanBot.Chat.IChatCommand>().Select(c => c.Name).ToList();
        Assert.Equal(registered, chinese.Parameters["commands"]!.AsArray().Select(c => (string?)c!["command"]));
        Assert.Contains(chinese.Parameters["commands"]!.AsArray(), c => (string?)c!["command"] == "progress" && ((string?)c["description"])!.Contains("进度", StringComparison.Ordinal));
        Assert.Contains(english.Parameters["commands"]!.AsArray(), c => (string?)c!["command"] == "progress" && ((string?)c["description"])!.Contains("progress", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Method == "deleteWebhook" && (bool?)c.Parameters["drop_pending_updates"] != true);
        await bot.WaitForDatabaseAsync(_ => Task.FromResult(
            bot.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlanBot.Invites.TelegramLinkOptions>>().Value.BotUsername == FakeBotApiServer.BotUsername));
    }

    [Fact]
    public async Task Failing_command_menu_registration_does_not_stop_the_bot()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("setMyCommands", new Fault.ServerError());
        await using var bot = await EchoBot.StartAsync(api);

        api.EnqueueText(Chat, Chat, "still here");

        await api.WaitForCallAsync("sendMessage", c => c.Text == "echo: still here");
        await bot.WaitForDatabaseAsync(_ => Task.FromResult(bot.Logs.Lines.Any(l => l.Message.Contains("setMyCommands", StringComparison.Ordinal) && l.Level == Microsoft.Extensions.Logging.LogLevel.Error)),
            TimeSpan.FromSeconds(15), "the failure is logged");
    }
}
