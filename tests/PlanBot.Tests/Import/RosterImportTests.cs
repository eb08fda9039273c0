using Microsoft.EntityFrameworkCore;
using PlanBot.Import;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Import;

public sealed class RosterImportTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = ImportTestData.Clock();

    [Fact]
    public async Task Sample_roster_imports_every_member_with_roles()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var summary = await new RosterImporter(_time).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
            Assert.Equal((19, 0, 0), (summary.Created, summary.Updated, summary.Unchanged));
        }

        await using var check = database.CreateContext();
        var members = await check.Members.ToDictionaryAsync(m => m.Name);
        Assert.Equal(19, members.Count);
        Assert.Equal(MemberRoles.Admin | MemberRoles.Supervisor, members["办公室管理员"].Roles);
        Assert.Equal(MemberRoles.Owner, members["投资科负责人"].Roles);
        Assert.Equal("区发改局投资科", members["投资科负责人"].Unit);
        Assert.All(members.Values, m => Assert.Equal(Languages.Chinese, m.Language));
    }

    [Fact]
    public async Task Changed_roster_updates_by_name_and_keeps_a_joined_members_telegram_link()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await new RosterImporter(_time).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
            var joined = await db.Members.SingleAsync(m => m.Name == "投资科负责人");
            joined.Contacts.Add(MemberContact.Telegram(5551));
            joined.ChatId = 5551;
            await db.SaveChangesAsync();
        }

        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv,
            "name,unit,roles,telegram_user_id,language\n投资科负责人,区发改局投资科,owner;supervisor,,\n新科室负责人,区发改局新科室,owner,7001,en\n");
        await using (var db = database.CreateContext())
        {
            var summary = await new RosterImporter(_time).ImportAsync(db, csv, CancellationToken.None);
            Assert.Equal((1, 1, 0), (summary.Created, summary.Updated, summary.Unchanged));
            Assert.Equal(18, summary.NotInFile.Count);
        }

        await using var check = database.CreateContext();
        var updated = await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "投资科负责人");
        Assert.Equal(MemberRoles.Owner | MemberRoles.Supervisor, updated.Roles);
        Assert.Equal(5551, updated.TelegramId());
        var added = await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "新科室负责人");
        Assert.Equal((7001L, Languages.English), (added.TelegramId()!.Value, added.Language));
        Assert.Equal(20, await check.Members.CountAsync());
        File.Delete(csv);
    }

    [Fact]
    public async Task Bad_roster_rows_are_all_reported_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await new RosterImporter(_time).ImportAsync(db, ImportTestData.SeedRoster, CancellationToken.None);
        }

        var before = await ImportTestData.CountRowsAsync(database);
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv,
            "name,unit,roles,telegram_user_id,language\n新人甲,科室,boss,,\n新人乙,科室,owner,abc,fr\n新人甲,科室,owner,,\n,科室,owner,,\n");

        await using var context = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new RosterImporter(_time).ImportAsync(context, csv, CancellationToken.None, fileLabel: "roster.csv"));

        Assert.Equal(
        [
            "roster.csv: row 2, column roles: 'boss' is not a list of roles (owner, supervisor, admin; several separated by ';')",
            "roster.csv: row 3, column telegram_user_id: 'abc' is not a Telegram user id (a positive whole number)",
            "roster.csv: row 3, column language: 'fr' is not a language (zh or en)",
            "roster.csv: row 4, column name: '新人甲' is already on row 2",
            "roster.csv: row 5, column name: required",
        ], failure.Errors.Select(e => e.ToString()));
        Assert.Equal(before, await ImportTestData.CountRowsAsync(database));
        File.Delete(csv);
    }

    [Fact]
    public async Task Roster_xlsx_with_a_misspelt_column_is_refused_at_the_header()
    {
        await using var database = await TestDatabase.CreateAsync();
        var xlsx = ImportTestData.TempFile(".xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[] { new Dictionary<string, object?> { ["name"] = "新人", ["role"] = "owner" } });

        await using var db = database.CreateContext();
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new RosterImporter(_time).ImportAsync(db, xlsx, CancellationToken.None, fileLabel: "roster.xlsx"));

        Assert.Equal(
        [
            "roster.xlsx: row 1: missing column 'roles'",
            "roster.xlsx: row 1, column role: unknown column (expected name, unit, roles, telegram_user_id, dingtalk_user_id, language)",
        ], failure.Errors.Select(e => e.ToString()));
        Assert.Equal(0, await db.Members.CountAsync());
        File.Delete(xlsx);
    }
}
