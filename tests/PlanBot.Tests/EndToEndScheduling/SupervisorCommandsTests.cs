using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;
using PlanBot.Chat;

namespace PlanBot.Tests.EndToEndScheduling;

/// <summary>/digest, /report and /remind in the running bot (real clock): the chat commands reach the scheduling features.</summary>
public sealed class SupervisorCommandsTests : IAsyncDisposable
{
    private const long AdminChat = 7301;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"planbot-e2e-cmd-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Admin_gets_the_digest_last_months_report_as_three_messages_and_the_remind_count()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), shanghai).DateTime);
        var lastMonth = YearMonth.Of(today).Previous;
        await ArrangeAsync(deadline: lastMonth.FirstDay.AddDays(9));
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await BotTestHost.StartAsync(api, o => o.DatabasePath = _databasePath);

        api.EnqueueText(AdminChat, AdminChat, "/digest");
        var digest = await api.WaitForCallAsync("sendMessage", c => c.ChatId == AdminChat, Patience);
        api.EnqueueText(AdminChat, AdminChat, "/report");
        var photo = await api.WaitForCallAsync("sendPhoto", c => c.ChatId == AdminChat, Patience);
        api.EnqueueText(AdminChat, AdminChat, "/remind");
        var remind = await api.WaitForCallAsync("sendMessage", c => c.ChatId == AdminChat && c.Text!.Contains("提醒扫描完成", StringComparison.Ordinal), Patience);

        Assert.StartsWith("📋 <b>督查简报</b>", digest.Text, StringComparison.Ordinal);
        var report = api.SentMessages.Where(c => c.ChatId == AdminChat && c.MessageId > digest.MessageId && c.MessageId <= photo.MessageId).ToList();
        Assert.Equal(["sendMessage", "sendDocument", "sendPhoto"], report.Select(c => c.Method));
        Assert.Contains("K-01", report[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"<file overdue-{lastMonth}.xlsx", (string?)report[1].Parameters["document"], StringComparison.Ordinal);
        Assert.StartsWith($"<file overdue-{lastMonth}.png", (string?)report[2].Parameters["photo"], StringComparison.Ordinal);
        Assert.Matches("已排队 [0-9]+ 项提醒,合并发给 [0-9]+ 人|今天该发的提醒都已发过", remind.Text);
        await using var db = bot.CreateDbContext();
        Assert.Equal(lastMonth.ToString(), (await db.StoredReports.SingleAsync()).Month);
    }

    public ValueTask DisposeAsync()
    {
        BotTestHost.DeleteDatabase(_databasePath);
        return ValueTask.CompletedTask;
    }

    /// <summary>An admin who is not a supervisor (so no scheduled message reaches their chat), and a task overdue last month.</summary>
    private async Task ArrangeAsync(DateOnly deadline)
    {
        await using var db = new PlanBotDbContext(new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _databasePath, Pooling = false }.ToString())
            .Options);
        await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);
        var at = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-90);
        var admin = new Member { Name = "办公室主任", Unit = "办公室", Roles = MemberRoles.Admin, Contacts = { MemberContact.Telegram(AdminChat) }, ChatId = AdminChat, CreatedAtUtc = at };
        var owner = new Member { Name = "投资科负责人", Unit = "投资科", Roles = MemberRoles.Owner, CreatedAtUtc = at };
        var plan = new Plan { Year = deadline.Year, Organisation = "区发改局", ImportedAtUtc = at };
        plan.Tasks.Add(new PlanTask
        {
            Code = "K-01",
            List = WorkList.Key,
            Title = "扩大有效投资",
            LeadUnit = "区发改局投资科",
            Owner = owner,
            StartDate = deadline.AddDays(-60),
            Deadline = deadline,
            CreatedAtUtc = at,
        });
        db.Members.AddRange(admin, owner);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
    }
}
