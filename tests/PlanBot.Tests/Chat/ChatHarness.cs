using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Invites;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Chat;

/// <summary>
/// The chat's real services over a real SQLite file, with a small roster and plan, driven like a transport does
/// (through <see cref="IInboundHandler"/>, which routes, enqueues and saves once). Today is 2024-06-15 in Shanghai.
/// </summary>
public sealed class ChatHarness : IAsyncDisposable
{
    public const long OwnerA = 101;
    public const long OwnerB = 102;
    public const long Supervisor = 201;
    public const long Admin = 301;
    public const long Stranger = 999;
    public const long ConfiguredAdmin = 401;

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private long _updateId;

    private ChatHarness(TestDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        _database = database;
        _services = services;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _services;

    /// <summary>The database the chat uses, for the CLI (<c>CliRunner</c>) to act beside it as an admin would.</summary>
    public TestDatabase Database => _database;

    public static async Task<ChatHarness> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PlanBot:AdminTelegramUserIds:0"] = ConfiguredAdmin.ToString(CultureInfo.InvariantCulture),
                ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
                ["Telegram:BotUsername"] = "PlanBotTest",
                ["PlanBot:Scheduler:Enabled"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddLogging();
        collection.AddPlanClock().AddPlanRules();
        collection.AddDbContext<PlanBotDbContext>(o => o.UseSqlite(database.ConnectionString));
        // What the chat's commands use, registered as the app does (no Quartz: the scheduler is off).
        collection.AddInvites().AddOutbox().AddReports().AddScheduling(configuration, RunMode.Console);
        collection.AddChat();
        services?.Invoke(collection);
        var harness = new ChatHarness(database, collection.BuildServiceProvider(validateScopes: true), time);
        await using (var db = database.CreateContext())
        {
            await SeedAsync(db, time.GetUtcNow().UtcDateTime);
        }

        return harness;
    }

    public PlanBotDbContext Db() => _database.CreateContext();

    public Task<ChatResponse> SendAsync(long from, string text, long? replyTo = null, long? groupChatId = null, string? language = null) =>
        HandleAsync(new InboundMessage(++_updateId, InboundKind.Message, groupChatId ?? from, groupChatId is null, from, "Tester " + from, text,
            MessageId: 10_000 + _updateId, ReplyToMessageId: replyTo, FromLanguageCode: language));

    public Task<ChatResponse> EditAsync(long from, string text) =>
        HandleAsync(new InboundMessage(++_updateId, InboundKind.EditedMessage, from, true, from, "Tester", text, MessageId: 5));

    public Task<ChatResponse> PressAsync(long from, string data, long messageId = 77) =>
        HandleAsync(new InboundMessage(++_updateId, InboundKind.Callback, from, true, from, "Tester", null,
            MessageId: messageId, CallbackQueryId: "cb" + _updateId, CallbackData: data));

    public async Task<ChatResponse> HandleAsync(InboundMessage message)
    {
        var handler = _services.GetRequiredService<IInboundHandler>();
        return await handler.HandleAsync(message, CancellationToken.None);
    }

    /// <summary>Plays the sender: the newest outbox row for the chat gets a Telegram message id, which it returns.</summary>
    public async Task<long> DeliverLatestAsync(long chatId)
    {
        await using var db = Db();
        var row = await db.Outbox.Where(o => o.ChatId == chatId && o.AnswerCallbackQueryId == null).OrderByDescending(o => o.Id).FirstAsync();
        row.TelegramMessageId = 500 + row.Id;
        row.State = OutboxState.Sent;
        db.SentMessages.Add(SentMessage.Of(row, row.TelegramMessageId.Value));
        await db.SaveChangesAsync();
        return row.TelegramMessageId.Value;
    }

    public async Task<PlanTask> TaskAsync(string code)
    {
        await using var db = Db();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Code == code);
    }

    public async Task<List<ProgressUpdate>> HistoryAsync(string code)
    {
        await using var db = Db();
        var taskId = await db.Tasks.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
        return await db.ProgressUpdates.AsNoTracking().Where(u => u.TaskId == taskId).OrderBy(u => u.Id).ToListAsync();
    }

    /// <summary>Everything a chat update may change except the outbox, as text: equal before and after means nothing changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = Db();
        return await SnapshotAsync(db);
    }

    /// <inheritdoc cref="SnapshotAsync()"/>
    public static async Task<string> SnapshotAsync(PlanBotDbContext db)
    {
        var text = new StringBuilder();
        foreach (var t in await db.Tasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{t.Code}|{t.ProgressPercent}|{t.CurrentValue}|{t.Status}|{t.BlockedReason}|{t.Deadline}|{t.OriginalDeadline}|{t.LastUpdateAtUtc:O}|{t.DoneAtUtc:O}");
        }

        foreach (var m in await db.Members.AsNoTracking().Include(m => m.Contacts).OrderBy(m => m.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{m.Name}|{m.Roles}|{m.Ids()}|{m.Language}|{m.PausedUntil}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"history {await db.ProgressUpdates.CountAsync()} extensions {await db.ExtensionRequests.CountAsync()} invites {await db.Invites.CountAsync(i => i.UsedAtUtc != null)} subs {await db.ChatSubscriptions.CountAsync()}");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Four linked members (two owners, a supervisor, an admin), one unlinked owner, and four tasks of a 2024 plan.</summary>
    public static async Task SeedAsync(PlanBotDbContext db, DateTime nowUtc)
    {
        var at = nowUtc.AddDays(-30);
        var ownerA = Member("投资科负责人", MemberRoles.Owner, OwnerA, at);
        var ownerB = Member("产业科负责人", MemberRoles.Owner, OwnerB, at);
        var supervisor = Member("分管副局长", MemberRoles.Supervisor, Supervisor, at);
        var admin = Member("办公室主任", MemberRoles.Admin, Admin, at);
        var unlinked = new Member { Name = "服务业科负责人", Unit = "服务业科", Roles = MemberRoles.Owner, CreatedAtUtc = at };
        db.Members.AddRange(ownerA, ownerB, supervisor, admin, unlinked);
        var plan = new Plan { Year = 2024, Organisation = "区发改局", ImportedAtUtc = at };
        plan.Tasks.Add(Task("K-01", WorkList.Key, "挖掘房地产潜力", ownerA, new DateOnly(2024, 12, 31), at));
        var k05 = Task("K-05", WorkList.Key, "新增技能人才", ownerA, new DateOnly(2024, 12, 31), at);
        k05.TargetValue = 10000;
        k05.TargetUnit = "名";
        k05.TargetLabel = "技能人才";
        k05.Milestones.Add(new Milestone { Date = new DateOnly(2024, 9, 30), Title = "过半", ExpectedPercent = 50 });
        plan.Tasks.Add(k05);
        plan.Tasks.Add(Task("H-01", WorkList.Highlight, "深化改革 <试点>", ownerB, new DateOnly(2024, 11, 30), at));
        plan.Tasks.Add(Task("D-01", WorkList.Difficulty, "共同富裕样板", ownerB, new DateOnly(2024, 5, 31), at));
        db.Plans.Add(plan);
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

    private static PlanTask Task(string code, WorkList list, string title, Member owner, DateOnly deadline, DateTime at) => new()
    {
        Code = code,
        List = list,
        Title = title,
        Detail = "细化" + title,
        LeadUnit = "区发改局",
        Owner = owner,
        // A task still running opens its window two weeks before the harness's day, so without progress it is on pace,
        // not behind its 序时进度; one already due ran from the start of the year.
        StartDate = deadline < new DateOnly(2024, 6, 15) ? new DateOnly(2024, 1, 1) : new DateOnly(2024, 6, 1),
        Deadline = deadline,
        CreatedAtUtc = at,
        LastUpdateAtUtc = at.AddDays(28),
    };
}
