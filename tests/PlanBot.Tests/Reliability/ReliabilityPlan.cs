using System.Globalization;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// A large roster for the crash and fault tests: <c>count</c> linked owners (Telegram user and chat id
/// <see cref="ChatOf"/>), each owning one task of a 2024 plan. The clock of those tests starts at <see cref="Now"/>,
/// a Monday morning after the 09:00 reminder scan time.
/// </summary>
public static class ReliabilityPlan
{
    /// <summary>Monday 2024-06-17, 10:00 in Shanghai: a working day, the reminder scan's time has passed.</summary>
    public static readonly DateTimeOffset Now = new(2024, 6, 17, 10, 0, 0, TimeSpan.FromHours(8));

    public const long AdminChat = 9_000_001;

    public static long ChatOf(int owner) => 5_000_000 + owner;

    /// <summary>K-100 … K-999, then H-100 …: three digits, so the code is typed and stored the same way.</summary>
    public static string CodeOf(int owner) => owner < 900
        ? "K-" + (100 + owner).ToString(CultureInfo.InvariantCulture)
        : "H-" + (owner - 800).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds the owners and their tasks. Overdue tasks are reminded on every working day; the others are quiet today.</summary>
    public static async Task SeedAsync(PlanBotDbContext db, int count, bool overdue)
    {
        var at = Now.UtcDateTime.AddDays(-60);
        var plan = new Plan { Year = 2024, Organisation = "区发改局", ImportedAtUtc = at };
        db.Members.Add(new Member
        {
            Name = "办公室主任",
            Roles = MemberRoles.Admin,
            Contacts = { MemberContact.Telegram(AdminChat) },
            ChatId = AdminChat,
            CreatedAtUtc = at,
        });
        for (var i = 0; i < count; i++)
        {
            var owner = new Member
            {
                Name = "负责人" + i.ToString(CultureInfo.InvariantCulture),
                Unit = "科室" + (i % 20).ToString(CultureInfo.InvariantCulture),
                Roles = MemberRoles.Owner,
                Contacts = { MemberContact.Telegram(ChatOf(i)) },
                ChatId = ChatOf(i),
                CreatedAtUtc = at,
            };
            db.Members.Add(owner);
            plan.Tasks.Add(new PlanTask
            {
                Code = CodeOf(i),
                List = i < 900 ? WorkList.Key : WorkList.Highlight,
                Title = "任务" + i.ToString(CultureInfo.InvariantCulture),
                LeadUnit = owner.Unit,
                Owner = owner,
                StartDate = new DateOnly(2024, 1, 1),
                Deadline = overdue ? new DateOnly(2024, 6, 7) : new DateOnly(2024, 12, 31),
                ProgressPercent = 20,
                CreatedAtUtc = at,
                // Updated yesterday: no check-in is due, so only an overdue task is reminded.
                LastUpdateAtUtc = Now.UtcDateTime.AddDays(-1),
            });
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync();
    }

    /// <summary>The settings of a bot process on <paramref name="connectionString"/> talking to the fake at <paramref name="apiBaseUrl"/>.</summary>
    public static Dictionary<string, string> ProcessSettings(string apiBaseUrl, string connectionString) => new()
    {
        ["Telegram:BotToken"] = FakeBotApi.FakeBotApiServer.Token,
        ["Telegram:ApiBaseUrl"] = apiBaseUrl,
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["ConnectionStrings:PlanBot"] = connectionString,
        ["PlanBot:SeedPlanPath"] = "",
        ["PlanBot:SeedRosterPath"] = "",
        ["PlanBot:Clock:StartAt"] = Now.ToString("O", CultureInfo.InvariantCulture),
        // Processes run side by side: none of them may take the dashboard's fixed port.
        ["Dashboard:Enabled"] = "false",
    };
}
