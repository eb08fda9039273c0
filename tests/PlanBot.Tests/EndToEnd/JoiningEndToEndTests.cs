using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Chat;

namespace PlanBot.Tests.EndToEnd;

public sealed class JoiningEndToEndTests
{
    private const long Newcomer = 555;
    private const long Latecomer = 556;

    [Fact]
    public async Task Invite_link_joins_once_and_used_or_expired_codes_are_refused()
    {
        await using var world = await BureauBot.StartAsync();

        var made = await world.SayAsync(BureauBot.Admin, "/invite 服务业科负责人");
        string code;
        await using (var db = world.Bot.CreateDbContext())
        {
            code = (await db.Invites.SingleAsync()).Code;
        }

        // The link names the bot Telegram reported in getMe.
        Assert.Contains($"https://t.me/{FakeBotApiServer.BotUsername}?start={code}", made.Text, StringComparison.Ordinal);

        var welcome = await world.SayAsync(Newcomer, "/start " + code);
        Assert.Contains("欢迎,服务业科负责人", welcome.Text, StringComparison.Ordinal);
        var member = await world.MemberAsync(Newcomer);
        Assert.Equal("服务业科负责人", member.Name);
        Assert.Equal(Newcomer, member.ChatId);
        Assert.Contains("服务业科负责人", (await world.SayAsync(Newcomer, "/whoami")).Text, StringComparison.Ordinal);

        var used = await world.SayAsync(Latecomer, "/start " + code);
        Assert.Contains("已被使用", used.Text, StringComparison.Ordinal);

        await world.ArrangeAsync(async db =>
        {
            var unlinked = new Member { Name = "财务科负责人", Unit = "财务科", Roles = MemberRoles.Owner, CreatedAtUtc = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc) };
            db.Members.Add(unlinked);
            db.Invites.Add(new Invite
            {
                Code = "expiredcode0000000000a",
                Member = unlinked,
                CreatedAtUtc = new DateTime(2024, 6, 10, 0, 0, 0, DateTimeKind.Utc),
                ExpiresAtUtc = new DateTime(2024, 6, 13, 0, 0, 0, DateTimeKind.Utc),
            });
            await Task.CompletedTask;
        });
        var expired = await world.SayAsync(Latecomer, "/start expiredcode0000000000a");
        Assert.Contains("已过期", expired.Text, StringComparison.Ordinal);

        await using var check = world.Bot.CreateDbContext();
        Assert.False(await check.Members.AnyAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(Latecomer))));
        Assert.Equal(1, await check.Invites.CountAsync(i => i.UsedAtUtc != null));
    }

    [Fact]
    public async Task Non_member_gets_one_polite_answer_per_message_and_never_plan_data()
    {
        await using var world = await BureauBot.StartAsync();
        var before = await world.SnapshotAsync();

        foreach (var text in new[] { "/lists", "/task K-01", "/my", "/list 重点", "你好", "/start" })
        {
            var answer = await world.SayAsync(BureauBot.Stranger, text);
            Assert.Contains("不在本单位的名册中", answer.Text, StringComparison.Ordinal);
        }

        // A button forged from an owner's card gets a toast, nothing else.
        var toast = await world.PressDataAsync(BureauBot.Stranger, BureauBot.Stranger, 1, "p:1:50:x");
        Assert.Equal("您不在名册中", toast.Text);

        var sent = world.MessagesTo(BureauBot.Stranger);
        Assert.Equal(6, sent.Count);
        foreach (var message in sent)
        {
            Assert.DoesNotContain("K-0", message.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("挖掘房地产潜力", message.Text, StringComparison.Ordinal);
            Assert.Null(message.ReplyMarkup);
        }

        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task In_a_group_a_non_members_chatter_is_ignored_and_their_command_answered_without_data()
    {
        const long group = -1001;
        await using var world = await BureauBot.StartAsync();
        var before = await world.SnapshotAsync();

        world.Api.EnqueueText(group, BureauBot.Stranger, "60 已完成招标");
        var answer = await world.SayAsync(BureauBot.Stranger, $"/lists@{FakeBotApiServer.BotUsername}", chatId: group);

        Assert.Contains("不在本单位的名册中", answer.Text, StringComparison.Ordinal);
        Assert.Single(world.MessagesTo(group));
        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task Group_commands_for_this_bot_are_handled_and_those_for_another_bot_ignored()
    {
        const long group = -1002;
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.Supervisor, $"/subscribe@{FakeBotApiServer.BotUsername}", chatId: group);

        world.Api.EnqueueText(group, BureauBot.OwnerA, "/my@SomeOtherBot");
        var mine = await world.SayAsync(BureauBot.OwnerA, $"/my@{FakeBotApiServer.BotUsername}", chatId: group);

        Assert.Contains("我的任务", mine.Text, StringComparison.Ordinal);
        Assert.Contains("K-01", mine.Text, StringComparison.Ordinal);
        Assert.Equal(2, world.MessagesTo(group).Count);
    }
}
