using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Invites;
using PlanBot.Plans;
using PlanBot.Tests.Support;
using PlanBot.Chat;

namespace PlanBot.Tests.Invites;

public sealed class InviteServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly InviteService _invites;

    public InviteServiceTests() =>
        _invites = new InviteService(_time, Options.Create(new InviteOptions { InviteValidHours = 48 }));

    [Fact]
    public async Task Invite_has_a_random_url_safe_code_and_expires_after_the_configured_hours()
    {
        await using var database = await TestDatabase.CreateAsync();
        var memberId = await AddMemberAsync(database, "投资科负责人");
        await using var db = database.CreateContext();

        var first = await _invites.CreateAsync(db, memberId, CancellationToken.None);
        var second = await _invites.CreateAsync(db, memberId, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", first.Code);
        Assert.NotEqual(first.Code, second.Code);
        Assert.Equal(new DateTime(2024, 3, 3, 1, 0, 0, DateTimeKind.Utc), first.ExpiresAtUtc);
        Assert.Equal(2, await db.Invites.CountAsync(i => i.MemberId == memberId && i.UsedAtUtc == null));
    }

    [Fact]
    public async Task Redeeming_links_the_member_and_uses_the_code_up()
    {
        await using var database = await TestDatabase.CreateAsync();
        var memberId = await AddMemberAsync(database, "投资科负责人");
        var code = await CreateInviteAsync(database, memberId);

        await using (var db = database.CreateContext())
        {
            var result = await _invites.RedeemAsync(db, $" {code} ", 9001, 9001, CancellationToken.None);
            Assert.Equal(RedeemOutcome.Joined, result.Outcome);
            Assert.Equal("投资科负责人", result.Member!.Name);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var again = await _invites.RedeemAsync(db, code, 9002, 9002, CancellationToken.None);
            Assert.Equal(RedeemOutcome.AlreadyUsed, again.Outcome);
        }

        await using var check = database.CreateContext();
        var member = await check.Members.Include(m => m.Contacts).SingleAsync();
        Assert.Equal((9001L, 9001L), (member.TelegramId()!.Value, member.ChatId!.Value.Number!.Value));
        var invite = await check.Invites.SingleAsync();
        Assert.Equal(ChatAddress.Telegram(9001), invite.UsedBy);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, invite.UsedAtUtc);
    }

    [Fact]
    public async Task Unknown_and_expired_codes_are_refused_and_link_nobody()
    {
        await using var database = await TestDatabase.CreateAsync();
        var memberId = await AddMemberAsync(database, "投资科负责人");
        var code = await CreateInviteAsync(database, memberId);
        _time.Advance(TimeSpan.FromHours(48));

        await using var db = database.CreateContext();
        Assert.Equal(RedeemOutcome.UnknownCode, (await _invites.RedeemAsync(db, "not-a-code", 9001, 9001, CancellationToken.None)).Outcome);
        Assert.Equal(RedeemOutcome.Expired, (await _invites.RedeemAsync(db, code, 9001, 9001, CancellationToken.None)).Outcome);
        await db.SaveChangesAsync();
        Assert.Empty((await db.Members.Include(m => m.Contacts).SingleAsync()).Contacts);
    }

    [Fact]
    public async Task Account_already_linked_to_another_member_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var memberId = await AddMemberAsync(database, "投资科负责人");
        await using (var db = database.CreateContext())
        {
            db.Members.Add(new Member { Name = "产业科负责人", Roles = MemberRoles.Owner, Contacts = { MemberContact.Telegram(9001) } });
            await db.SaveChangesAsync();
        }

        var code = await CreateInviteAsync(database, memberId);
        await using var context = database.CreateContext();
        var result = await _invites.RedeemAsync(context, code, 9001, 9001, CancellationToken.None);

        Assert.Equal(RedeemOutcome.AccountLinkedToOther, result.Outcome);
        Assert.Equal("产业科负责人", result.Member!.Name);
        Assert.Null((await context.Invites.SingleAsync()).UsedAtUtc);
    }

    private static async Task<int> AddMemberAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        var member = new Member { Name = name, Roles = MemberRoles.Owner };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }

    private async Task<string> CreateInviteAsync(TestDatabase database, int memberId)
    {
        await using var db = database.CreateContext();
        var invite = await _invites.CreateAsync(db, memberId, CancellationToken.None);
        await db.SaveChangesAsync();
        return invite.Code;
    }
}
