using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Tests.Support;
using PlanBot.Chat;

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
    public async Task A_telegram_only_database_upgrades_to_channel_neutral_addresses_and_keeps_working()
    {
        var path = Path.Combine(Path.GetTempPath(), $"planbot-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()).Options;
        const string At = "'2024-06-15 02:00:00'";
        try
        {
            await using (var old = new PlanBotDbContext(options))
            {
                await old.GetService<IMigrator>().MigrateAsync("20261203160426_OutboxWavesAndAnswersFirst");
                // A joined owner, an owner imported with a Telegram id who never wrote, the console's own admin, a
                // subscribed group, and what they left in flight: a pending reply, a sent one, a question, a used invite,
                // and an update still in the inbox (its payload holds the chat ids as numbers).
                await old.Database.ExecuteSqlRawAsync(
                    $"INSERT INTO Members (Id, Name, Unit, Roles, TelegramUserId, ChatId, Language, Reachable, CreatedAtUtc) VALUES (1, '投资科负责人', '投资科', 'Owner', 1001, 1001, 'zh', 1, {At});" +
                    $"INSERT INTO Members (Id, Name, Unit, Roles, TelegramUserId, ChatId, Language, Reachable, CreatedAtUtc) VALUES (2, '产业科负责人', '产业科', 'Owner', 1002, NULL, 'zh', 1, {At});" +
                    $"INSERT INTO Members (Id, Name, Unit, Roles, TelegramUserId, ChatId, Language, Reachable, CreatedAtUtc) VALUES (3, '控制台管理员', 'console', 'Admin', -9000000000000, -9000000000000, 'zh', 1, {At});" +
                    $"INSERT INTO ChatSubscriptions (ChatId, AddedByMemberId, AddedAtUtc) VALUES (-100500, 3, {At});" +
                    $"INSERT INTO Outbox (ChatId, RecipientMemberId, Text, State, CreatedAtUtc, NextAttemptAtUtc, Attempts, IsAnswer, ListedTaskIds) VALUES (1001, 1, '待发', 'Pending', {At}, {At}, 0, 1, '[]');" +
                    $"INSERT INTO Outbox (ChatId, Text, State, CreatedAtUtc, NextAttemptAtUtc, Attempts, IsAnswer, ListedTaskIds, TelegramMessageId) VALUES (-9000000000000, '已发', 'Sent', {At}, {At}, 1, 0, '[]', 77);" +
                    $"INSERT INTO SentMessages (ChatId, TelegramMessageId, OutboxId, ListedTaskIds) VALUES (-100500, 88, 2, '[]');" +
                    $"INSERT INTO Invites (Code, MemberId, CreatedAtUtc, ExpiresAtUtc, UsedAtUtc, UsedByTelegramUserId) VALUES ('abc', 1, {At}, {At}, {At}, 1001);");
                await old.Database.ExecuteSqlRawAsync(
                    $"INSERT INTO Inbox (UpdateId, Kind, Payload, State, ReceivedAtUtc, Attempts) VALUES (42, 'Message', {{0}}, 'Pending', {At}, 0);",
                    """{"UpdateId":42,"Kind":0,"ChatId":1001,"IsPrivateChat":true,"FromUserId":1001,"Text":"/my"}""");
            }

            await using var db = new PlanBotDbContext(options);
            await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);

            var members = await db.Members.Include(m => m.Contacts).OrderBy(m => m.Id).ToListAsync();
            Assert.Equal(
                [
                    (ChatAddress.Telegram(1001), (ChatAddress?)ChatAddress.Telegram(1001), (ChatAddress?)ChatAddress.Telegram(1001)),
                    (ChatAddress.Telegram(1002), null, null),
                    (ChatAddress.Console(-9000000000000), ChatAddress.Console(-9000000000000), ChatAddress.Console(-9000000000000)),
                ],
                members.Select(m => (Assert.Single(m.Contacts).UserId, Assert.Single(m.Contacts).PrivateChat, m.ChatId)));
            var outbox = await db.Outbox.OrderBy(o => o.Id).ToListAsync();
            Assert.Equal(
                [(ChatAddress.Telegram(1001), Channel.Telegram), (ChatAddress.Console(-9000000000000), Channel.Console)],
                outbox.Select(o => (o.ChatId, o.Channel)));
            Assert.Equal(ChatAddress.Telegram(-100500), (await db.ChatSubscriptions.SingleAsync()).ChatId);
            Assert.Equal(ChatAddress.Telegram(-100500), (await db.SentMessages.SingleAsync()).ChatId);
            Assert.Equal(ChatAddress.Telegram(1001), (await db.Invites.SingleAsync()).UsedBy);
            var pending = (await db.Inbox.SingleAsync()).Message();
            Assert.Equal((ChatAddress.Telegram(1001), ChatAddress.Telegram(1001), "/my"), (pending.ChatId, pending.FromUserId, pending.Text));

            // The upgraded rows answer the queries the bot runs: the sender's pick of Telegram rows, and the resolver's
            // lookup of who wrote; and the unique index on a person's id carries over.
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.Channel == Channel.Telegram && o.State == OutboxState.Pending));
            Assert.Equal("投资科负责人", await db.MemberContacts.Where(c => c.UserId == ChatAddress.Telegram(1001)).Select(c => c.Member!.Name).SingleAsync());
            db.MemberContacts.Add(new MemberContact { MemberId = 2, UserId = ChatAddress.Telegram(1001) });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
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
    public async Task A_migration_cut_off_by_a_kill_is_restored_from_the_copy_taken_before_it_and_applied_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"planbot-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PlanBotDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()).Options;
        try
        {
            await using (var old = new PlanBotDbContext(options))
            {
                await old.GetService<IMigrator>().MigrateAsync("20261203160426_OutboxWavesAndAnswersFirst");
                await old.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Members (Id, Name, Unit, Roles, TelegramUserId, ChatId, Language, Reachable, CreatedAtUtc) VALUES (1, '投资科负责人', '投资科', 'Owner', 1001, 1001, 'zh', 1, '2024-06-15 02:00:00');");
            }

            // What a kill between EF Core's transactions leaves: the copy the migrator took, and a file whose first
            // steps are done (the new table made, the ids rewritten) with the migration not recorded.
            File.Copy(path, path + ".pre-migration");
            await using (var cut = new PlanBotDbContext(options))
            {
                await cut.Database.ExecuteSqlRawAsync(
                    "CREATE TABLE MemberContacts (Id INTEGER PRIMARY KEY, MemberId INTEGER, UserId TEXT);" +
                    "UPDATE Members SET ChatId = 'telegram:' || ChatId;");
            }

            await using var db = new PlanBotDbContext(options);
            await DatabaseMigrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var member = await db.Members.Include(m => m.Contacts).SingleAsync();
            Assert.Equal((ChatAddress?)ChatAddress.Telegram(1001), member.ChatId);
            Assert.Equal(ChatAddress.Telegram(1001), Assert.Single(member.Contacts).UserId);
            Assert.False(File.Exists(path + ".pre-migration"));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".pre-migration" })
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
