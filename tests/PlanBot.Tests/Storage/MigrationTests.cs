using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_file_and_leave_nothing_pending()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await context.Tasks.CountAsync());
    }

    [Fact]
    public async Task The_model_has_no_change_without_a_migration()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();

        // Fails when an entity or configuration changed and nobody ran `dotnet ef migrations add` (see docs/architecture.md).
        Assert.False(context.Database.HasPendingModelChanges(), "The model differs from the last migration's snapshot: add a migration.");
    }

    [Fact]
    public async Task Database_file_uses_write_ahead_logging()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Task_code_is_unique_within_a_plan()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();
        var plan = new Plan { Year = 2024, Organisation = "区发改局" };
        plan.Tasks.Add(new PlanTask { Code = "K-01", Title = "a" });
        plan.Tasks.Add(new PlanTask { Code = "K-01", Title = "b" });
        context.Plans.Add(plan);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Contains("UNIQUE", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_code_is_unique()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();
        var member = new Member { Name = "投资科负责人", Roles = MemberRoles.Owner };
        context.Members.Add(member);
        context.Invites.Add(new Invite { Code = "abc", Member = member });
        context.Invites.Add(new Invite { Code = "abc", Member = member });

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task Instants_round_trip_as_utc_and_roles_as_flags()
    {
        await using var db = await TestDatabase.CreateAsync();
        var at = new DateTime(2024, 3, 1, 1, 30, 0, DateTimeKind.Utc);
        await using (var context = db.CreateContext())
        {
            context.Members.Add(new Member { Name = "办公室管理员", Roles = MemberRoles.Admin | MemberRoles.Supervisor, CreatedAtUtc = at });
            await context.SaveChangesAsync();
        }

        await using (var context = db.CreateContext())
        {
            var member = await context.Members.SingleAsync();
            Assert.Equal(DateTimeKind.Utc, member.CreatedAtUtc.Kind);
            Assert.Equal(at, member.CreatedAtUtc);
            Assert.True(member.Has(MemberRoles.Admin));
            Assert.True(member.Has(MemberRoles.Supervisor));
            Assert.False(member.Has(MemberRoles.Owner));
        }
    }
}
