using Microsoft.EntityFrameworkCore;
using PlanBot.Outbox;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

public sealed class TokenSecrecyTests
{
    [Fact]
    public async Task Bot_token_never_reaches_the_logs_while_things_go_wrong()
    {
        await using var api = await FakeBotApiServer.StartAsync();
        api.Inject("getMe", new Fault.ServerError(), times: 1);
        api.Inject("setMyCommands", new Fault.MalformedJson());
        api.Inject("getUpdates", new Fault.ServerError(), times: 1);
        api.Inject("sendMessage", new Fault.ServerError(), times: 1, chatId: 1);
        api.Inject("sendMessage", new Fault.TooManyRequests(1), times: 1, chatId: 2);
        api.Inject("sendMessage", new Fault.Forbidden(), times: 1, chatId: 3);
        api.Inject("sendMessage", new Fault.MalformedJson(), times: 1, chatId: 4);
        api.Inject("sendMessage", new Fault.BadRequest("Bad Request: chat not found"), times: 1, chatId: 5);
        await using var bot = await EchoBot.StartAsync(api);

        await using (var db = bot.CreateDbContext())
        {
            db.Enqueue(TimeProvider.System.GetUtcNow().UtcDateTime, Enumerable.Range(1, 5).Select(chat => new OutgoingMessage(chat, $"to {chat}")));
            await db.SaveChangesAsync();
        }

        api.EnqueueText(6, 6, "/fail");
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.CountAsync(m => m.State == OutboxState.Pending) == 0
            && await db.Inbox.AnyAsync(e => e.Error != null && e.Attempts >= 3), TimeSpan.FromSeconds(30), "every fault was met");
        await bot.StopAsync();

        var lines = bot.Logs.Lines;
        Assert.Contains(lines, l => l.Message.Contains("failed", StringComparison.OrdinalIgnoreCase));
        var secret = FakeBotApiServer.Token.Split(':')[1];
        Assert.DoesNotContain(lines, l => l.ToString().Contains(secret, StringComparison.Ordinal));
    }
}
