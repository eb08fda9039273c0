using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Chat.Progress;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;

namespace PlanBot.Storage;

/// <summary>The one database of PlanBot (SQLite).</summary>
/// <remarks>
/// Add a migration after changing the model:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project src/PlanBot --output-dir Storage/Migrations</c>.
/// Migrations are applied at start-up by <see cref="DatabaseStartup"/>; never EnsureCreated.
/// Instants are UTC <see cref="DateTime"/> (SQLite cannot order DateTimeOffset); calendar dates are <see cref="DateOnly"/>.
/// </remarks>
public sealed class PlanBotDbContext(DbContextOptions<PlanBotDbContext> options) : DbContext(options)
{
    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanTask> Tasks => Set<PlanTask>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<TaskCoOwner> TaskCoOwners => Set<TaskCoOwner>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<MemberContact> MemberContacts => Set<MemberContact>();

    public DbSet<Invite> Invites => Set<Invite>();

    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();

    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();

    public DbSet<Feedback> Feedback => Set<Feedback>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<SentReminder> SentReminders => Set<SentReminder>();

    public DbSet<BotStateEntry> BotState => Set<BotStateEntry>();

    public DbSet<StoredReport> StoredReports => Set<StoredReport>();

    public DbSet<ChatSubscription> ChatSubscriptions => Set<ChatSubscription>();

    public DbSet<Telegram.GroupStatusMessage> GroupStatusMessages => Set<Telegram.GroupStatusMessage>();

    public DbSet<SentMessage> SentMessages => Set<SentMessage>();

    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();

    public DbSet<Prompt> Prompts => Set<Prompt>();

    public DbSet<LightSnapshot> LightSnapshots => Set<LightSnapshot>();

    public DbSet<Supervision.Notice> Notices => Set<Supervision.Notice>();

    public DbSet<Dashboard.DashboardToken> DashboardTokens => Set<Dashboard.DashboardToken>();

    // On every context however it is configured (the app's, a test's, the benchmark's): the inbox processor's batches
    // rely on it wherever they run.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(WriteLockGuard.Instance);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlanBotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as their names: the database stays readable and reordering an enum cannot corrupt it.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Every instant is written and read as UTC, so a value never silently shifts by the server's zone.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // A chat address is one indexable column, "telegram:-1001234" / "dingtalk:cidAbC…".
        configurationBuilder.Properties<Plans.ChatAddress>().HaveConversion<ChatAddressConverter>().HaveMaxLength(128);
        configurationBuilder.Properties<Plans.ChatAddress?>().HaveConversion<ChatAddressConverter>().HaveMaxLength(128);
    }
}
