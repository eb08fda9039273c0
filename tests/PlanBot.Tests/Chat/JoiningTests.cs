using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.Support;
using PlanBot.Chat;

namespace PlanBot.Tests.Chat;

public sealed class JoiningTests
{
    [Fact]
    public async Task Stranger_gets_one_polite_not_registered_answer_and_no_plan_data()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        foreach (var text in new[] { "/lists", "/task K-01", "/my", "你好", "/start" })
        {
            var response = await chat.SendAsync(ChatHarness.Stranger, text);

            var message = Assert.Single(response.Messages);
            Assert.Contains("不在本单位的名册中", message.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("K-01", message.Text, StringComparison.Ordinal);
            Assert.Null(message.TaskId);
        }

        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Stranger_in_a_group_is_ignored_unless_they_use_a_command()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Empty((await chat.SendAsync(ChatHarness.Stranger, "大家好", groupChatId: -100)).Messages);
        var answer = Assert.Single((await chat.SendAsync(ChatHarness.Stranger, "/lists@PlanBotTest", groupChatId: -100)).Messages);
        Assert.Equal(-100, answer.ChatId);
        Assert.Contains("不在本单位的名册中", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stranger_with_an_English_app_is_answered_in_English()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.Stranger, "/help", language: "en-US")).Messages);
        Assert.Contains("not on this bureau's roster", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_made_by_admin_links_the_member_once()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var made = Assert.Single((await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人")).Messages);
        await using (var db = chat.Db())
        {
            var invite = await db.Invites.SingleAsync();
            Assert.Contains($"https://t.me/PlanBotTest?start={invite.Code}", made.Text, StringComparison.Ordinal);
            Assert.Matches("^[A-Za-z0-9_-]{22}$", invite.Code);

            var welcome = Assert.Single((await chat.SendAsync(555, "/start " + invite.Code)).Messages);
            Assert.Contains("欢迎,服务业科负责人", welcome.Text, StringComparison.Ordinal);

            var again = Assert.Single((await chat.SendAsync(556, "/start " + invite.Code)).Messages);
            Assert.Contains("已被使用", again.Text, StringComparison.Ordinal);
        }

        await using var check = chat.Db();
        var member = await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人");
        Assert.Equal(555, member.TelegramId());
        Assert.Equal(555, member.ChatId);
        Assert.False(await check.Members.AnyAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(556))));
    }

    [Fact]
    public async Task Expired_and_unknown_codes_are_refused()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人");
        string code;
        await using (var db = chat.Db())
        {
            code = (await db.Invites.SingleAsync()).Code;
        }

        chat.Time.Advance(TimeSpan.FromHours(73));

        Assert.Contains("已过期", Assert.Single((await chat.SendAsync(555, "/start " + code)).Messages).Text, StringComparison.Ordinal);
        Assert.Contains("无效", Assert.Single((await chat.SendAsync(555, "/start nope")).Messages).Text, StringComparison.Ordinal);
        await using var check = chat.Db();
        Assert.Null((await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人")).TelegramId());
    }

    [Fact]
    public async Task Invite_for_someone_not_on_the_roster_is_refused_with_usage()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Assert.Single((await chat.SendAsync(ChatHarness.Admin, "/invite 路人甲")).Messages);

        Assert.Contains("花名册中没有“路人甲”", answer.Text, StringComparison.Ordinal);
        Assert.Contains("用法:/invite", answer.Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Equal(0, await db.Invites.CountAsync());
    }

    [Fact]
    public async Task Configured_admin_becomes_a_linked_admin_on_first_contact()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var welcome = Assert.Single((await chat.SendAsync(ChatHarness.ConfiguredAdmin, "/start")).Messages);
        Assert.Contains("管理员", welcome.Text, StringComparison.Ordinal);

        await using var db = chat.Db();
        var admin = await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.ConfiguredAdmin)));
        Assert.True(admin.Has(MemberRoles.Admin | MemberRoles.Supervisor));
        Assert.Equal("管理员 Tester 401", admin.Name);

        var whoami = Assert.Single((await chat.SendAsync(ChatHarness.ConfiguredAdmin, "/whoami")).Messages);
        Assert.Contains("管理员 Tester 401", whoami.Text, StringComparison.Ordinal);
        Assert.Equal(1, await db.Members.CountAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.ConfiguredAdmin))));
    }

    [Fact]
    public async Task Guessing_codes_is_stopped_after_five_wrong_ones_for_an_hour()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人");
        string code;
        await using (var db = chat.Db())
        {
            code = (await db.Invites.SingleAsync()).Code;
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("无效", Assert.Single((await chat.SendAsync(555, $"/start guess{i}")).Messages).Text, StringComparison.Ordinal);
        }

        // Even the right code is not looked at while locked out …
        Assert.Contains("尝试次数过多", Assert.Single((await chat.SendAsync(555, "/start " + code)).Messages).Text, StringComparison.Ordinal);
        await using (var check = chat.Db())
        {
            Assert.Null((await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人")).TelegramId());
        }

        // … another person is not affected, and an hour later the guesser may try again.
        Assert.Contains("无效", Assert.Single((await chat.SendAsync(556, "/start nope")).Messages).Text, StringComparison.Ordinal);
        chat.Time.Advance(TimeSpan.FromHours(1));
        Assert.Contains("欢迎", Assert.Single((await chat.SendAsync(555, "/start " + code)).Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_command_addressed_to_this_bot_works_and_one_for_another_bot_is_ignored()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            db.ChatSubscriptions.Add(new PlanBot.Chat.ChatSubscription { ChatId = -100, AddedByMemberId = 1, AddedAtUtc = chat.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        var mine = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/my@PlanBotTest", groupChatId: -100)).Messages);
        Assert.Contains("K-01", mine.Text, StringComparison.Ordinal);
        Assert.Empty((await chat.SendAsync(ChatHarness.OwnerA, "/my@SomeOtherBot", groupChatId: -100)).Messages);
    }
}
