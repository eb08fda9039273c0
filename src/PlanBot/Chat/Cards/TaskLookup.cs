using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat.Cards;

/// <summary>Loads tasks with what cards and permission checks need (owner, co-owners, milestones).</summary>
public static class TaskLookup
{
    public static IQueryable<PlanTask> WithDetails(this PlanBotDbContext db) =>
        db.Tasks
            .Include(t => t.Owner)
            .Include(t => t.CoOwners).ThenInclude(c => c.Member)
            .Include(t => t.Milestones);

    /// <summary>The task with this code in the newest plan that has it; codes are typed loosely ("k1" → K-01).</summary>
    public static Task<PlanTask?> FindByCodeAsync(this PlanBotDbContext db, string code, CancellationToken ct)
    {
        var normalised = PlanTask.NormaliseCode(code);
        return db.WithDetails().Where(t => t.Code == normalised).OrderByDescending(t => t.PlanId).FirstOrDefaultAsync(ct);
    }

    public static Task<PlanTask?> FindByIdAsync(this PlanBotDbContext db, int id, CancellationToken ct) =>
        db.WithDetails().FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>The tasks of the newest plan, ordered by code, with details.</summary>
    public static async Task<List<PlanTask>> CurrentTasksAsync(this PlanBotDbContext db, CancellationToken ct)
    {
        var planId = await db.CurrentPlanIdAsync(ct);
        return planId is null ? [] : await db.WithDetails().Where(t => t.PlanId == planId).OrderBy(t => t.Code).ToListAsync(ct);
    }

    /// <summary>
    /// The member's open tasks (owned or co-owned) in the newest plan, with details. Filtered in SQL: /my is the
    /// command owners send most, and loading the whole plan for it made every answer cost as much as /lists.
    /// </summary>
    public static async Task<List<PlanTask>> OpenTasksOfAsync(this PlanBotDbContext db, int memberId, CancellationToken ct)
    {
        var planId = await db.CurrentPlanIdAsync(ct);
        return planId is null
            ? []
            : await db.WithDetails()
                .Where(t => t.PlanId == planId && t.Status != PlanTaskStatus.Done
                    && (t.OwnerId == memberId || t.CoOwners.Any(c => c.MemberId == memberId)))
                .OrderBy(t => t.Code)
                .ToListAsync(ct);
    }

    /// <summary>The newest plan (the highest year): what /lists, the digest and the dashboard count.</summary>
    public static Task<int?> CurrentPlanIdAsync(this PlanBotDbContext db, CancellationToken ct) =>
        db.Plans.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Owners update their own and co-owned tasks; admins may update any task.</summary>
    public static bool MayUpdate(this Member member, PlanTask task) =>
        member.Has(MemberRoles.Admin) || task.IsOwnedBy(member.Id);
}
