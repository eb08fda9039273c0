using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Chat;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Scheduling;

/// <summary>
/// A plan on a real SQLite file and a fake clock in China Standard Time, with the scheduling services built the way
/// the app builds them (one DbContext per "scope"), so tests can move the clock and run scans, digests and reports.
/// </summary>
public sealed class SchedulingWorld : IAsyncDisposable
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load(Repo.File("seeds", "holidays-cn.json"));

    private int _nextChatId = 1000;

    private SchedulingWorld(TestDatabase database, DateTimeOffset start)
    {
        Database = database;
        Time = new FakeTimeProvider(start);
        Clock = new PlanClock(Time, Options.Create(new ClockOptions()));
        Db = database.CreateContext();
        var plan = new Plan { Year = 2024, Organisation = "测试局", ImportedAtUtc = Time.GetUtcNow().UtcDateTime };
        Db.Plans.Add(plan);
        Db.SaveChanges();
        Plan = plan;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public PlanClock Clock { get; }

    /// <summary>The context tests arrange data with; services get their own, as in the app.</summary>
    public PlanBotDbContext Db { get; }

    public Plan Plan { get; }

    public LightThresholds Lights { get; } = new();

    public ReminderOptions Reminders { get; } = new();

    public DigestOptions Digest { get; } = new();

    public ReportOptions Report { get; } = new();

    public static async Task<SchedulingWorld> CreateAsync(string localStart) =>
        new(await TestDatabase.CreateAsync(), At(localStart));

    /// <summary>"2024-10-08 09:00" in China Standard Time.</summary>
    public static DateTimeOffset At(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), ChinaOffset);

    public static DateOnly Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    public void SetNow(string local) => Time.SetUtcNow(At(local));

    public JobTiming Timing => new(Clock, Calendar);

    public ReminderScanner Scanner(PlanBotDbContext db) => new(
        db, Clock, Calendar, Timing, new TestTaskButtons(), Options.Create(Reminders), Options.Create(Lights), Watch(),
        NullLogger<ReminderScanner>.Instance);

    /// <summary>Off unless a test turns it on: the reminder tests count reminders; the notice tests (NoticeTests) turn notices on.</summary>
    public PlanBot.Supervision.NoticeOptions Notices { get; } = new() { Enabled = false };

    /// <summary>The light watch the scan runs first, with this world's options.</summary>
    public PlanBot.Supervision.LightWatch Watch() => new(
        Clock, TaskLights(), Calendar,
        new PlanBot.Supervision.LightSnapshots(Clock, ReportBuilder(), NullLogger<PlanBot.Supervision.LightSnapshots>.Instance),
        new PlanBot.Supervision.NoticeMessages(new TestTaskButtons()), Options.Create(Notices),
        NullLogger<PlanBot.Supervision.LightWatch>.Instance);

    /// <summary>A scan as the job or /remind runs it: a fresh scope (DbContext and scanner).</summary>
    public async Task<ReminderScanResult> ScanAsync()
    {
        await using var db = Database.CreateContext();
        return await Scanner(db).RunAsync(CancellationToken.None);
    }

    public TaskLights TaskLights() => new(Calendar, Options.Create(Lights));

    public DigestBuilder DigestBuilder() => new(Clock, TaskLights(), Options.Create(Digest));

    public DigestService DigestService(PlanBotDbContext db, ILogger<DigestService>? logger = null) =>
        new(db, DigestBuilder(), Clock, new CalendarCoverage(Calendar, Clock, Options.Create(new ClockOptions())), logger ?? NullLogger<DigestService>.Instance);

    /// <summary>The weekly job as Quartz runs it, on this world's clock (<see cref="DigestJob.RunAsync"/> is one fire).</summary>
    public DigestJob DigestJob(PlanBotDbContext db, ILogger<DigestService>? logger = null) =>
        new(DigestService(db, logger), Timing, Options.Create(Digest), new OutboxSignal(), NullLogger<DigestJob>.Instance);

    public OverdueReportBuilder ReportBuilder() => new(Clock, TaskLights());

    public OverdueReportService ReportService(PlanBotDbContext db) =>
        new(db, ReportBuilder(), Clock, Options.Create(new PlanBot.Reports.Circular.CircularOptions()), Options.Create(Report), NullLogger<OverdueReportService>.Instance);

    /// <summary>The monthly job as Quartz runs it, on this world's clock.</summary>
    public MonthlyReportJob ReportJob(PlanBotDbContext db) =>
        new(ReportService(db), Timing, Options.Create(Report), new OutboxSignal(), NullLogger<MonthlyReportJob>.Instance);

    public async Task<Member> MemberAsync(string name, MemberRoles roles = MemberRoles.Owner, bool linked = true, string language = Languages.Chinese)
    {
        var member = new Member
        {
            Name = name,
            Unit = name + "单位",
            Roles = roles,
            Contacts = linked ? [MemberContact.Telegram(_nextChatId)] : [],
            ChatId = linked ? _nextChatId : null,
            Language = language,
            CreatedAtUtc = Clock.UtcNow,
        };
        _nextChatId++;
        Db.Members.Add(member);
        await Db.SaveChangesAsync();
        return member;
    }

    public async Task<PlanTask> TaskAsync(
        string code,
        string deadline,
        Member? owner,
        string start = "2024-01-01",
        string? lastUpdate = null,
        int percent = 0,
        string leadUnit = "投资科",
        WorkList? list = null,
        Action<PlanTask>? configure = null)
    {
        var task = new PlanTask
        {
            PlanId = Plan.Id,
            Code = code,
            List = list ?? code[0] switch { 'H' => WorkList.Highlight, 'D' => WorkList.Difficulty, _ => WorkList.Key },
            Title = "任务" + code,
            LeadUnit = leadUnit,
            OwnerId = owner?.Id,
            StartDate = Day(start),
            Deadline = Day(deadline),
            ProgressPercent = percent,
            LastUpdateAtUtc = lastUpdate is null ? null : At(lastUpdate).UtcDateTime,
            CreatedAtUtc = At("2024-01-01 00:00").UtcDateTime,
        };
        configure?.Invoke(task);
        Db.Tasks.Add(task);
        await Db.SaveChangesAsync();
        return task;
    }

    /// <summary>The outbox as the sender would see it, oldest first.</summary>
    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Buttons whose data says which task and which shape they are, so tests can check the right ones were used.</summary>
public sealed class TestTaskButtons : ITaskButtons
{
    public IReadOnlyList<IReadOnlyList<Button>> ForTask(PlanTask task, string language) =>
    [
        [new Button("25%", $"p:{task.Id}:25"), new Button("50%", $"p:{task.Id}:50"), new Button("75%", $"p:{task.Id}:75")],
        [new Button(language == Languages.English ? "✅ Done" : "✅ 完成", $"d:{task.Id}")],
    ];

    public IReadOnlyList<Button> CompactRow(PlanTask task, string language) =>
        [new Button($"{task.Code} 50%", $"p:{task.Id}:50"), new Button($"{task.Code} ✅", $"d:{task.Id}")];

    public IReadOnlyList<IReadOnlyList<Button>> ForNotice(PlanBot.Supervision.Notice notice, string language) =>
        notice.IsReplied ? [] : [[new Button("✍️", "ns:" + notice.Ref.ToPayload()), new Button("📝", "nr:" + notice.Ref.ToPayload())]];
}
