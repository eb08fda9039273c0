using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;
using PlanBot.Chat;

namespace PlanBot.Tests.EndToEndScheduling;

/// <summary>
/// The real host (router, Quartz, outbox, Telegram client) against the fake Bot API, on a fake clock: a reminder goes
/// out at 09:00, its owners answer it with a button and a reply, and Monday's digest tells the supervisor.
/// </summary>
public sealed class ReminderToDigestTests : IAsyncDisposable
{
    private const long SupervisorChat = 7001;
    private const long OwnerChat = 7101;
    private const long SoloChat = 7201;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"planbot-e2e-sched-{Guid.NewGuid():N}.db");

    // Friday 2024-05-10, a minute before the reminder scan; the deadlines below are on Monday, three days away.
    private readonly FakeTimeProvider _time = new(At("2024-05-10 08:59"));

    [Fact]
    public async Task Three_tasks_due_soon_make_one_reminder_and_what_owners_answer_reaches_the_supervisors_digest()
    {
        await ArrangeAsync();
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await BotTestHost.StartAsync(api, o =>
        {
            o.DatabasePath = _databasePath;
            o.RunScheduler(_time);
            o.Settings["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json");
            // A story of reminders and the digest; the notices its lights would bring are followed in Supervision/NoticeTests.
            o.Settings["PlanBot:Notices:Enabled"] = "false";
        });

        _time.SetUtcNow(At("2024-05-10 09:00"));
        var reminder = await api.WaitForCallAsync("sendMessage", c => c.ChatId == OwnerChat, Patience);
        var solo = await api.WaitForCallAsync("sendMessage", c => c.ChatId == SoloChat, Patience);

        Assert.Contains("<b>K-01</b>", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("<b>K-02</b>", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("<b>K-03</b>", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("3 天后截止", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(["K-01 50%", "K-02 50%", "K-03 50%"], reminder.ButtonLabels.Where(l => l.EndsWith("50%", StringComparison.Ordinal)));
        Assert.Contains("<b>H-01</b>", solo.Text, StringComparison.Ordinal);
        Assert.Contains("25%", solo.ButtonLabels);

        // The fake sees a send before the sender has counted it against the chat's limit; moving the clock in between
        // would stamp that count at the later time and hold the next message for a second of a clock that stands still.
        await bot.WaitForDatabaseAsync(
            async db => await db.Outbox.CountAsync(o => o.TelegramMessageId == reminder.MessageId || o.TelegramMessageId == solo.MessageId) == 2,
            Patience,
            "both reminders are recorded as sent");

        // The owner of three presses 50% on K-02's row of the reminder: the button's own (signed) data.
        _time.Advance(TimeSpan.FromMinutes(5));
        api.EnqueueCallback(OwnerChat, OwnerChat, reminder.MessageId!.Value, CallbackData(reminder, "K-02 50%"));
        await api.WaitForCallAsync("answerCallbackQuery", c => Contains(c.Parameters["text"], "K-02"), Patience);
        var card = await api.WaitForCallAsync("sendMessage", c => c.ChatId == OwnerChat && c.MessageId != reminder.MessageId, Patience);
        Assert.Contains("K-02", card.Text, StringComparison.Ordinal);
        Assert.Contains("50%", card.Text, StringComparison.Ordinal);

        // The owner of one replies to their reminder, which is about H-01 only.
        _time.Advance(TimeSpan.FromMinutes(5));
        await bot.WaitForDatabaseAsync(async db => await db.Outbox.AnyAsync(o => o.TelegramMessageId == solo.MessageId), Patience, "the reminder's message id is recorded");
        api.EnqueueText(SoloChat, SoloChat, "60 已完成招标", replyToMessageId: solo.MessageId);
        var confirmation = await api.WaitForCallAsync("sendMessage", c => c.ChatId == SoloChat && c.MessageId != solo.MessageId, Patience);
        Assert.Contains("H-01", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("已完成招标", confirmation.Text, StringComparison.Ordinal);

        await using (var db = bot.CreateDbContext())
        {
            var tasks = await db.Tasks.AsNoTracking().ToDictionaryAsync(t => t.Code);
            Assert.Equal((50, 60, 0, 0), (tasks["K-02"].ProgressPercent, tasks["H-01"].ProgressPercent, tasks["K-01"].ProgressPercent, tasks["K-03"].ProgressPercent));
            var note = await db.ProgressUpdates.SingleAsync(u => u.TaskId == tasks["H-01"].Id);
            Assert.Equal((60, "已完成招标", UpdateChannel.Reply), (note.Percent, note.Note, note.Channel));
            Assert.Equal(UpdateChannel.Button, (await db.ProgressUpdates.SingleAsync(u => u.TaskId == tasks["K-02"].Id)).Channel);
        }

        // Monday 08:30: the weekly digest.
        _time.SetUtcNow(At("2024-05-13 08:30"));
        var digest = await api.WaitForCallAsync("sendMessage", c => c.ChatId == SupervisorChat, Patience);

        Assert.StartsWith("📋 <b>督查简报</b> · 5月13日", digest.Text, StringComparison.Ordinal);
        Assert.Contains("📝 <b>本期更新 2 项</b>", digest.Text, StringComparison.Ordinal);
        Assert.Contains("<b>K-02</b> 争取专项债 — 50% · 投资科负责人", digest.Text, StringComparison.Ordinal);
        Assert.Contains("<b>H-01</b> 推进数字化改革 — 60% · 产业科负责人", digest.Text, StringComparison.Ordinal);

        // Exactly one reminder each on Friday, however many times the scan ran (start-up, 09:00, the misfire after the jump).
        Assert.Single(api.SentMessages, c => c.ChatId == OwnerChat && c.Text!.Contains("3 天后截止", StringComparison.Ordinal));
        Assert.Single(api.SentMessages, c => c.ChatId == SoloChat && c.Text!.Contains("3 天后截止", StringComparison.Ordinal));
        Assert.Single(api.SentMessages, c => c.ChatId == SupervisorChat);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        await using (var db = bot.CreateDbContext())
        {
            Assert.Equal(4, await db.SentReminders.CountAsync());
        }
    }

    public ValueTask DisposeAsync()
    {
        BotTestHost.DeleteDatabase(_databasePath);
        return ValueTask.CompletedTask;
    }

    /// <summary>"2024-05-10 09:00" in Shanghai.</summary>
    private static DateTimeOffset At(string local) =>
        new(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static bool Contains(JsonNode? node, string text) => ((string?)node)?.Contains(text, StringComparison.Ordinal) == true;

    private static string CallbackData(ApiCall message, string label) =>
        (string)message.ReplyMarkup!["inline_keyboard"]!.AsArray()
            .SelectMany(row => row!.AsArray())
            .Single(b => (string?)b!["text"] == label)!["callback_data"]!;

    /// <summary>
    /// The database as a running bot would have it: a supervisor and two owners who have joined, four tasks due on
    /// Monday, and last week's digest and last month's report already sent (so start-up sends neither).
    /// </summary>
    private async Task ArrangeAsync()
    {
        await using var db = new PlanBotDbContext(new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = _databasePath, Pooling = false }.ToString())
            .Options);
        await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);
        var joined = At("2024-04-01 10:00").UtcDateTime;
        var supervisor = Member("分管副局长", MemberRoles.Supervisor, SupervisorChat, joined);
        var owner = Member("投资科负责人", MemberRoles.Owner, OwnerChat, joined);
        var solo = Member("产业科负责人", MemberRoles.Owner, SoloChat, joined);
        var plan = new Plan { Year = 2024, Organisation = "区发改局", ImportedAtUtc = joined };
        plan.Tasks.Add(Task("K-01", WorkList.Key, "扩大有效投资", owner, joined));
        plan.Tasks.Add(Task("K-02", WorkList.Key, "争取专项债", owner, joined));
        plan.Tasks.Add(Task("K-03", WorkList.Key, "盘活存量资产", owner, joined));
        plan.Tasks.Add(Task("H-01", WorkList.Highlight, "推进数字化改革", solo, joined));
        db.Members.AddRange(supervisor, owner, solo);
        db.Plans.Add(plan);
        await db.SetStateAsync(DigestService.LastWeekSetting, "2024-W19", CancellationToken.None);
        await db.SetStateAsync(OverdueReportService.LastMonthSetting, "2024-04", CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private static Member Member(string name, MemberRoles roles, long telegramId, DateTime at) => new()
    {
        Name = name,
        Unit = "区发改局",
        Roles = roles,
        Contacts = { MemberContact.Telegram(telegramId) },
        ChatId = telegramId,
        CreatedAtUtc = at,
    };

    private static PlanTask Task(string code, WorkList list, string title, Member owner, DateTime at) => new()
    {
        Code = code,
        List = list,
        Title = title,
        LeadUnit = "区发改局",
        Owner = owner,
        StartDate = new DateOnly(2024, 1, 1),
        Deadline = new DateOnly(2024, 5, 13),
        CreatedAtUtc = at,
        LastUpdateAtUtc = At("2024-05-08 10:00").UtcDateTime,
    };
}
