using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Tests.Chat;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Chat;

namespace PlanBot.Tests.EndToEnd;

/// <summary>
/// The real host (real router, inbox, outbox sender) against the fake Bot API over HTTP, on a temp database holding
/// <see cref="ChatHarness.SeedAsync"/>'s small bureau: two owners, a supervisor, an admin, an unlinked owner and four
/// 2024 tasks. The clock is shifted to 2024-06-15 10:00 in Shanghai. Tests talk as a Telegram user would
/// (<see cref="SayAsync"/>, <see cref="PressAsync"/>) and see what the user receives.
/// </summary>
public sealed class BureauBot : IAsyncDisposable
{
    public const long OwnerA = ChatHarness.OwnerA;
    public const long OwnerB = ChatHarness.OwnerB;
    public const long Supervisor = ChatHarness.Supervisor;
    public const long Admin = ChatHarness.Admin;
    public const long Stranger = ChatHarness.Stranger;

    private static readonly DateTime SeedNowUtc = new(2024, 6, 15, 2, 0, 0, DateTimeKind.Utc);

    private BureauBot(FakeBotApiServer api, BotTestHost bot)
    {
        Api = api;
        Bot = bot;
    }

    public FakeBotApiServer Api { get; }

    public BotTestHost Bot { get; }

    public static async Task<BureauBot> StartAsync(Action<BotTestHostOptions>? configure = null)
    {
        var api = await FakeBotApiServer.StartAsync();
        BotTestHost? bot = null;
        try
        {
            bot = await BotTestHost.StartAsync(api, o =>
            {
                o.Settings["PlanBot:Clock:StartAt"] = "2024-06-15T10:00:00+08:00";
                o.Settings["PlanBot:HolidaysPath"] = Support.Repo.File("seeds", "holidays-cn.json");
                // These stories are about commands, reminders and replies on a plan whose tasks sit at 0 % mid-year; the
                // 提示单 and 督办单 their red lights would bring are followed in Supervision/NoticeTests.
                o.Settings["PlanBot:Notices:Enabled"] = "false";
                configure?.Invoke(o);
            });
            await using (var db = bot.CreateDbContext())
            {
                await ChatHarness.SeedAsync(db, SeedNowUtc);
            }

            // The username (from getMe) is what /cmd@bot and invite links use.
            await api.WaitForCallAsync("getMe");
            return new BureauBot(api, bot);
        }
        catch
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }

            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>Successful sendMessage calls to a chat, oldest first.</summary>
    public IReadOnlyList<ApiCall> MessagesTo(long chatId) =>
        Api.Calls.Where(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == chatId).ToList();

    /// <summary>Sends a text as <paramref name="from"/> (in <paramref name="chatId"/>, default their private chat) and returns the first message the bot sends back to that chat.</summary>
    public async Task<ApiCall> SayAsync(long from, string text, long? replyTo = null, long? chatId = null, string language = "zh-hans")
    {
        var chat = chatId ?? from;
        var before = MessagesTo(chat).Count;
        Api.EnqueueText(chat, from, text, replyTo, language);
        return await NextMessageAsync(chat, before);
    }

    /// <summary>
    /// Replies to a message the bot sent, once the sender has recorded its Telegram id (it does so right after Telegram's
    /// answer, long before a person could reply; a test is faster than that).
    /// </summary>
    public async Task<ApiCall> ReplyAsync(long from, ApiCall message, string text)
    {
        var messageId = message.MessageId!.Value;
        await Bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(o => o.ChatId == message.ChatId && o.TelegramMessageId == messageId), what: "the message id recorded");
        return await SayAsync(from, text, replyTo: messageId, chatId: message.ChatId);
    }

    /// <summary>Waits for the bot's (<paramref name="index"/>+1)-th message to a chat.</summary>
    public async Task<ApiCall> NextMessageAsync(long chatId, int index)
    {
        await Api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == chatId) > index);
        return MessagesTo(chatId)[index];
    }

    /// <summary>Presses the button labelled <paramref name="label"/> on a message the bot sent; returns the answer (toast) Telegram got.</summary>
    public Task<ApiCall> PressAsync(long from, ApiCall message, string label) =>
        PressDataAsync(from, message.ChatId!.Value, message.MessageId!.Value, CallbackData(message, label));

    public async Task<ApiCall> PressDataAsync(long from, long chatId, long messageId, string data)
    {
        var before = Api.CallsTo("answerCallbackQuery").Count(c => c.Succeeded);
        Api.EnqueueCallback(chatId, from, messageId, data);
        var calls = await Api.WaitForAsync(cs => cs.Count(c => c.Method == "answerCallbackQuery" && c.Succeeded) > before);
        return calls.Where(c => c.Method == "answerCallbackQuery" && c.Succeeded).ElementAt(before);
    }

    public static string CallbackData(ApiCall message, string label) =>
        message.ReplyMarkup?["inline_keyboard"]?.AsArray()
            .SelectMany(row => row!.AsArray())
            .Where(b => (string?)b!["text"] == label)
            .Select(b => (string?)b!["callback_data"])
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No button '{label}' on: {message.Text}");

    public async Task<PlanTask> TaskAsync(string code)
    {
        await using var db = Bot.CreateDbContext();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Code == code);
    }

    public async Task<List<ProgressUpdate>> HistoryAsync(string code)
    {
        await using var db = Bot.CreateDbContext();
        var taskId = await db.Tasks.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
        return await db.ProgressUpdates.AsNoTracking().Where(u => u.TaskId == taskId).OrderBy(u => u.Id).ToListAsync();
    }

    public async Task<Member> MemberAsync(long telegramUserId)
    {
        await using var db = Bot.CreateDbContext();
        return await db.Members.AsNoTracking().SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(telegramUserId)));
    }

    /// <summary>Tasks, members, history, extensions, invites and subscriptions as text: equal before and after means nothing changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = Bot.CreateDbContext();
        return await ChatHarness.SnapshotAsync(db);
    }

    public async Task ArrangeAsync(Func<PlanBotDbContext, Task> change)
    {
        await using var db = Bot.CreateDbContext();
        await change(db);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
    }
}
