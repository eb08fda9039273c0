using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Chat.Buttons;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.Chat;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reliability;

/// <summary>Nobody outside the roster reads the lists, and nobody changes a task that is not theirs, by any channel.</summary>
public sealed class SecurityTests
{
    private static readonly string[] Codes = ["K-01", "K-05", "H-01", "D-01"];
    private static readonly string[] ArgumentsTried = ["", " key", " 重点", .. Codes.Select(c => $" {c} 50 note")];

    /// <summary>Every command with every task, in a private chat and a group, from someone not on the roster.</summary>
    [Fact]
    public async Task Non_member_sees_no_task_by_any_command_and_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();
        var titles = await TitlesAsync(chat);
        var commands = new[] { "start", "help", "my", "lists", "list", "task", "progress", "done", "blocked", "extend", "overdue", "digest", "report", "remind", "invite", "subscribe", "unsubscribe", "pause", "lang", "whoami" };

        var replies = new List<OutgoingMessage>();
        foreach (var command in commands)
        {
            foreach (var arguments in ArgumentsTried)
            {
                replies.AddRange((await chat.SendAsync(ChatHarness.Stranger, "/" + command + arguments)).Messages);
                replies.AddRange((await chat.SendAsync(ChatHarness.Stranger, "/" + command + arguments, groupChatId: -4242)).Messages);
            }
        }

        replies.AddRange((await chat.SendAsync(ChatHarness.Stranger, "60", replyTo: 501)).Messages);
        Assert.NotEmpty(replies);
        Assert.All(replies, m =>
        {
            Assert.DoesNotContain(titles, t => m.Text.Contains(t, StringComparison.Ordinal));
            Assert.Null(m.TaskId);
            Assert.Empty(m.Buttons);
        });
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Owner_cannot_change_another_owners_task_by_command()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        foreach (var text in new[] { "/progress H-01 90", "/progress h1 90 note", "/done D-01", "/blocked H-01 缺资金", "/extend D-01 2024-12-31 来不及", "/pause 2024-07-01" })
        {
            await chat.SendAsync(ChatHarness.OwnerA, text);
        }

        // /pause concerns only the sender; everything else must be as it was for owner B's tasks.
        var after = await chat.SnapshotAsync();
        Assert.Equal(Lines(before, "H-01", "D-01"), Lines(after, "H-01", "D-01"));
        Assert.Empty(await chat.HistoryAsync("H-01"));
        Assert.Empty(await chat.HistoryAsync("D-01"));
    }

    [Fact]
    public async Task Owner_cannot_change_another_owners_task_by_reply()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerB, "/task H-01");
        var ownerBCard = await chat.DeliverLatestAsync(ChatHarness.OwnerB);
        await chat.SendAsync(ChatHarness.Supervisor, "/task H-01");
        var supervisorCard = await chat.DeliverLatestAsync(ChatHarness.Supervisor);
        var before = await chat.SnapshotAsync();

        // A reply naming another chat's message id, and a reply by someone who is not the owner to a card about the task.
        await chat.SendAsync(ChatHarness.OwnerA, "90 偷改", replyTo: ownerBCard);
        await chat.SendAsync(ChatHarness.OwnerA, "完成", replyTo: ownerBCard);
        await chat.SendAsync(ChatHarness.Supervisor, "90", replyTo: supervisorCard);
        await chat.SendAsync(ChatHarness.OwnerA, "90", replyTo: 123_456);

        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Replayed_buttons_are_refused_after_the_state_they_were_made_for_changed()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var signer = chat.Services.GetRequiredService<CallbackSigner>();
        var k01 = await chat.TaskAsync("K-01");
        var h01 = await chat.TaskAsync("H-01");

        // Another owner's genuine button, pressed by owner A.
        var before = await chat.SnapshotAsync();
        var press = await chat.PressAsync(ChatHarness.OwnerA, signer.Sign(new CallbackAction(CallbackVerb.Done, h01.Id).ToPayload()));
        Assert.Empty(press.Messages);
        Assert.Equal(before, await chat.SnapshotAsync());

        // A task handed to owner B after owner A got its buttons.
        var oldButton = signer.Sign(new CallbackAction(CallbackVerb.Percent, k01.Id, 75).ToPayload());
        await using (var db = chat.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == k01.Id);
            task.OwnerId = await db.Members.Where(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerB))).Select(m => m.Id).SingleAsync();
            await db.SaveChangesAsync();
        }

        before = await chat.SnapshotAsync();
        Assert.Empty((await chat.PressAsync(ChatHarness.OwnerA, oldButton)).Messages);
        Assert.Equal(before, await chat.SnapshotAsync());

        // A supervisor's decision button pressed twice, and one for a request that was never made.
        await chat.SendAsync(ChatHarness.OwnerB, "/extend H-01 2024-12-20 资金未到位");
        var approve = signer.Sign(new CallbackAction(CallbackVerb.Approve, h01.Id, Deadline: new DateOnly(2024, 12, 20)).ToPayload());
        await chat.PressAsync(ChatHarness.Supervisor, approve);
        before = await chat.SnapshotAsync();
        await chat.PressAsync(ChatHarness.Supervisor, approve);
        await chat.PressAsync(ChatHarness.Supervisor, signer.Sign(new CallbackAction(CallbackVerb.Refuse, h01.Id, Deadline: new DateOnly(2024, 12, 20)).ToPayload()));
        await chat.PressAsync(ChatHarness.Supervisor, signer.Sign(new CallbackAction(CallbackVerb.Approve, h01.Id, Deadline: new DateOnly(2025, 6, 30)).ToPayload()));
        Assert.Equal(before, await chat.SnapshotAsync());

        // A button of a task that no longer exists.
        Assert.Equal("无效的按钮", (await chat.PressAsync(ChatHarness.OwnerA, signer.Sign(new CallbackAction(CallbackVerb.Done, 9_999).ToPayload()))).CallbackAnswer);
    }

    /// <summary>
    /// A card with buttons can stay in a group after /unsubscribe: pressing it may act for its owner, but must not
    /// post the task's card to the group. Found by <see cref="FuzzTests"/>.
    /// </summary>
    [Fact]
    public async Task Button_pressed_in_a_group_without_subscription_posts_no_plan_data_there()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var signer = chat.Services.GetRequiredService<CallbackSigner>();
        var k01 = await chat.TaskAsync("K-01");

        var response = await chat.HandleAsync(new InboundMessage(90_001, InboundKind.Callback, -777, false, ChatHarness.OwnerA, "A", null,
            MessageId: 12, CallbackQueryId: "cbg", CallbackData: signer.Sign(new CallbackAction(CallbackVerb.Percent, k01.Id, 50).ToPayload())));

        Assert.DoesNotContain(response.Messages, m => m.ChatId == -777);
        // The toast is seen by the presser alone.
        Assert.Equal("K-01 进度 50%", response.CallbackAnswer);
        await using var db = chat.Db();
        Assert.False(await db.Outbox.AnyAsync(o => o.ChatId == -777 && o.AnswerCallbackQueryId == null));
    }

    [Fact]
    public async Task Expired_and_used_invite_codes_are_refused()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人");
        string code;
        await using (var db = chat.Db())
        {
            code = (await db.Invites.SingleAsync()).Code;
        }

        Assert.Contains("欢迎", Assert.Single((await chat.SendAsync(555, "/start " + code)).Messages).Text, StringComparison.Ordinal);
        var before = await chat.SnapshotAsync();
        var used = Assert.Single((await chat.SendAsync(556, "/start " + code)).Messages).Text;

        await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人");
        string second;
        await using (var db = chat.Db())
        {
            second = (await db.Invites.OrderBy(i => i.Id).LastAsync()).Code;
        }

        chat.Time.Advance(TimeSpan.FromHours(73));
        before = await chat.SnapshotAsync();
        var expired = Assert.Single((await chat.SendAsync(557, "/start " + second)).Messages).Text;

        Assert.DoesNotContain("欢迎", used, StringComparison.Ordinal);
        Assert.DoesNotContain("欢迎", expired, StringComparison.Ordinal);
        Assert.NotEqual(used, expired);
        Assert.Equal(before, await chat.SnapshotAsync());
        await using var check = chat.Db();
        Assert.Equal(555, (await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人")).TelegramId());
    }

    /// <summary>Guessing invite codes: after 5 wrong codes in an hour the bot says "too many attempts", and even a right code waits.</summary>
    [Fact]
    public async Task Guessing_invite_codes_is_stopped_after_five_wrong_ones_in_an_hour()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.Admin, "/invite 服务业科负责人");
        string code;
        await using (var db = chat.Db())
        {
            code = (await db.Invites.SingleAsync()).Code;
        }

        var wrong = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(Assert.Single((await chat.SendAsync(666, $"/start WRONGCODE{i:000}guess")).Messages).Text);
        }

        var limited = Assert.Single((await chat.SendAsync(666, "/start " + code)).Messages).Text;
        Assert.DoesNotContain("欢迎", limited, StringComparison.Ordinal);
        Assert.DoesNotContain(limited, wrong);
        await using (var db = chat.Db())
        {
            Assert.Null((await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人")).TelegramId());
        }

        chat.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains("欢迎", Assert.Single((await chat.SendAsync(666, "/start " + code)).Messages).Text, StringComparison.Ordinal);
    }

    private static async Task<List<string>> TitlesAsync(ChatHarness chat)
    {
        await using var db = chat.Db();
        var tasks = await db.Tasks.ToListAsync();
        return [.. tasks.SelectMany(t => new[] { t.Title, System.Net.WebUtility.HtmlEncode(t.Title), t.Detail, t.Code })];
    }

    private static string Lines(string snapshot, params string[] codes) =>
        string.Join('\n', snapshot.Split('\n').Where(l => codes.Any(c => l.StartsWith(c + "|", StringComparison.Ordinal))));
}
