using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
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
    public async Task A_database_of_the_first_release_upgrades_with_its_inbox_and_outbox_rows_and_their_unique_update_id()
    {
        var path = Path.Combine(Path.GetTempPath(), $"planbot-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()).Options;
        try
        {
            await using (var old = new PlanBotDbContext(options))
            {
                await old.GetService<IMigrator>().MigrateAsync("20261124203554_InitialCreate");
                await old.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Inbox (UpdateId, Kind, Payload, State, ReceivedAtUtc, Attempts) VALUES (42, 'Message', '[]', 'Pending', '2024-06-15 02:00:00', 0);" +
                    "INSERT INTO Outbox (ChatId, Text, State, CreatedAtUtc, NextAttemptAtUtc, Attempts) VALUES (7, '你好', 'Pending', '2024-06-15 02:00:00', '2024-06-15 02:00:00', 0);");
            }

            await using var db = new PlanBotDbContext(options);
            await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var entry = await db.Inbox.SingleAsync();
            Assert.Equal((42L, InboxState.Pending), (entry.UpdateId, entry.State));
            var message = await db.Outbox.SingleAsync();
            Assert.Equal(("你好", OutboxState.Pending, (DateTime?)null), (message.Text, message.State, message.ClaimedUntilUtc));
            Assert.Empty(await db.Tasks.ToListAsync()); // the current model reads the upgraded Tasks table (Version added)

            // The Inbox table is rebuilt for the nullable UpdateId; its unique index must survive that (it carries dedupe).
            var duplicate = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO Inbox (UpdateId, Kind, Payload, State, ReceivedAtUtc, Attempts) VALUES (42, 'Message', '[]', 'Pending', '2024-06-15 02:00:00', 0);"));
            Assert.Contains("UNIQUE", duplicate.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            {
                File.Delete(path + suffix);
            }
        }
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
