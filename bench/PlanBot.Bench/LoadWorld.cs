using System.Globalization;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBotBench;

/// <summary>One linked member who owns one task: the chat the load driver writes from.</summary>
public sealed record LoadMember(int MemberId, long ChatId, int TaskId, string TaskCode);

/// <summary>Arranges a plan with members and their tasks directly in the database (the app reads it as it finds it).</summary>
public static class LoadWorld
{
    public const long FirstChatId = 100_000;

    /// <summary><paramref name="count"/> owners with chats, each owning one task of this year's plan.</summary>
    public static async Task<IReadOnlyList<LoadMember>> ArrangeAsync(
        PlanBotDbContext db, int count, DateOnly today, DateOnly start, DateOnly deadline, int progressPercent = 0)
    {
        var nowUtc = TimeProvider.System.GetUtcNow().UtcDateTime;
        var plan = db.Plans.FirstOrDefault(p => p.Year == today.Year);
        if (plan is null)
        {
            plan = new Plan { Year = today.Year, Organisation = "基准测试局", ImportedAtUtc = nowUtc };
            db.Plans.Add(plan);
        }

        var members = Enumerable.Range(0, count).Select(i => new Member
        {
            Name = "成员" + i.ToString("D5", CultureInfo.InvariantCulture),
            Unit = "单位" + (i % 20).ToString(CultureInfo.InvariantCulture),
            Roles = MemberRoles.Owner,
            Contacts = { MemberContact.Telegram(FirstChatId + i) },
            ChatId = FirstChatId + i,
            CreatedAtUtc = nowUtc,
        }).ToList();
        db.Members.AddRange(members);
        var tasks = members.Select((m, i) => new PlanTask
        {
            Plan = plan,
            Code = Code(i),
            List = (WorkList)(i % 3),
            Title = "重点任务" + i.ToString(CultureInfo.InvariantCulture),
            LeadUnit = m.Unit,
            Owner = m,
            StartDate = start,
            Deadline = deadline,
            ProgressPercent = progressPercent,
            CreatedAtUtc = nowUtc,
        }).ToList();
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
        return members.Select((m, i) => new LoadMember(m.Id, m.ChatId!.Value.Number!.Value, tasks[i].Id, tasks[i].Code)).ToList();
    }

    /// <summary>K-01, H-01, D-01, K-02 … in the app's stored form (two digits at least); chat commands reach up to 999 per list.</summary>
    public static string Code(int index) =>
        $"{"KHD"[index % 3]}-{(index / 3 + 1).ToString("D2", CultureInfo.InvariantCulture)}";
}
