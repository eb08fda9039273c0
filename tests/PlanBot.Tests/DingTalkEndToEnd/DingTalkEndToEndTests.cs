using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.DingTalk;
using PlanBot.Invites;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.EndToEnd;

namespace PlanBot.Tests.DingTalkEndToEnd;

/// <summary>
/// PlanBot on DingTalk, end to end: the real host beside Telegram, the fake DingTalk checking what DingTalk checks (token
/// header, robot code, message keys and params, card shape, uploaded media).
/// </summary>
public sealed class DingTalkEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_member_joins_on_dingtalk_by_sending_the_invite_code_alone_and_is_answered_there()
    {
        await using var world = await DingTalkBureau.StartAsync();
        string code;
        await using (var scope = world.Bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            var member = await db.Members.SingleAsync(m => m.Name == "服务业科负责人");
            code = (await scope.ServiceProvider.GetRequiredService<InviteService>().CreateAsync(db, member.Id, CancellationToken.None)).Code;
            await db.SaveChangesAsync();
        }

        await world.SayAsync("fw0501", code);
        var welcome = await world.NextMessageToAsync("fw0501", 0);
        Assert.Equal("sampleMarkdown", welcome.MsgKey);
        Assert.Contains("欢迎", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("服务业科负责人", welcome.Text, StringComparison.Ordinal);

        await world.SayAsync("fw0501", "/my");
        var my = await world.NextMessageToAsync("fw0501", 1);
        Assert.Contains("没有", my.Text, StringComparison.Ordinal);

        var joined = await world.MemberAsync("服务业科负责人");
        Assert.Equal(DingTalkAddresses.User("fw0501"), Assert.Single(joined.Contacts).UserId);
        Assert.Equal(DingTalkAddresses.User("fw0501"), joined.ChatId);
        Assert.Empty(world.DingTalk.ProtocolErrors);
        // The app secret and the access tokens never reach a log.
        var logs = string.Join('\n', world.Bot.Logs.Lines.Select(l => l.Message + l.Exception));
        Assert.Contains("DingTalk stream connected", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(world.DingTalk.ClientSecret, logs, StringComparison.Ordinal);
        Assert.All(world.DingTalk.IssuedTokens, token => Assert.DoesNotContain(token, logs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_owner_reports_by_text_and_by_card_button_on_dingtalk_and_each_is_recorded_once_even_when_redelivered()
    {
        await using var world = await DingTalkBureau.StartAsync();

        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/task H-01");
        var card = await world.DingTalk.WaitForCardAsync(c => c.UserId == DingTalkBureau.OwnerBStaffId, Timeout);
        Assert.Equal("StandardCard", card.TemplateId);
        Assert.Contains(card.Buttons, b => b.Label == "50%");

        var pushed = await world.SayAsync(DingTalkBureau.OwnerBStaffId, "H-01 40 方案已报批");
        await world.Bot.WaitForDatabaseAsync(async db => await db.Inbox.AllAsync(e => e.State != PlanBot.Inbox.InboxState.Pending), what: "the update applied");
        // DingTalk sends the same push again (a lost ack): it is stored once and applied once.
        await world.DingTalk.RedeliverAsync(pushed);
        await world.DingTalk.WaitForAsync(() => world.DingTalk.DeliveriesOf(pushed) == 2 && world.DingTalk.Acks.Count(a => a.MessageId == pushed) == 2, Timeout, "the redelivery acknowledged");
        Assert.Equal(40, (await world.Bureau.TaskAsync("H-01")).ProgressPercent);

        // The first card is out of date now: its press changes nothing and brings a fresh card, whose 50% records 50 %.
        await world.DingTalk.PressCardButtonAsync(card, card.Buttons.ToList().FindIndex(b => b.Label == "50%"), DingTalkBureau.OwnerBStaffId);
        var fresh = await world.DingTalk.WaitForCardAsync(c => c.UserId == DingTalkBureau.OwnerBStaffId && c.CardId != card.CardId, Timeout);
        Assert.Contains("40%", fresh.CardData.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(40, (await world.Bureau.TaskAsync("H-01")).ProgressPercent);
        await world.DingTalk.PressCardButtonAsync(fresh, fresh.Buttons.ToList().FindIndex(b => b.Label == "50%"), DingTalkBureau.OwnerBStaffId);
        await world.Bot.WaitForDatabaseAsync(async db => await db.Tasks.AnyAsync(t => t.Code == "H-01" && t.ProgressPercent == 50), what: "the button's 50 %");

        var history = await world.Bureau.HistoryAsync("H-01");
        Assert.Equal([40, 50], history.Where(u => u.Kind == UpdateKind.Progress).Select(u => u.Percent));
        Assert.Equal(UpdateChannel.Button, history[^1].Channel);
        // Every answer went to the owner's DingTalk chat, where they wrote; nothing to their Telegram chat.
        Assert.Empty(world.Bureau.MessagesTo(BureauBot.OwnerB));
        Assert.Equal(DingTalkAddresses.User(DingTalkBureau.OwnerBStaffId), (await world.MemberAsync("产业科负责人")).ChatId);
        Assert.Empty(world.DingTalk.ProtocolErrors);
    }

    [Fact]
    public async Task A_reminder_scan_reaches_one_owner_on_telegram_and_another_on_dingtalk_with_one_message_each()
    {
        await using var world = await DingTalkBureau.StartAsync();
        // 产业科负责人 writes on DingTalk once: from then on that is where their reminders go.
        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/help");
        await world.NextMessageToAsync(DingTalkBureau.OwnerBStaffId, 0);
        var before = world.MessagesTo(DingTalkBureau.OwnerBStaffId).Count;

        await using (var scope = world.Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
        }

        await world.Bot.WaitForDatabaseAsync(async db => !await db.Outbox.AnyAsync(o => o.State == PlanBot.Outbox.OutboxState.Pending), what: "the reminders sent");
        // D-01 is overdue since 05-31: its owner gets today's reminder (a card, with its buttons) on DingTalk, where they
        // wrote last; the supervisor, linked on both but last seen on Telegram, gets the red-task escalation there.
        var toOwnerB = world.DingTalk.Cards.Where(c => c.UserId == DingTalkBureau.OwnerBStaffId).ToList();
        Assert.True(toOwnerB.Count == 1, await world.DumpAsync());
        Assert.Contains("D-01", toOwnerB[0].CardData.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, world.MessagesTo(DingTalkBureau.OwnerBStaffId).Count);
        Assert.Empty(world.Bureau.MessagesTo(BureauBot.OwnerB));
        var toSupervisor = Assert.Single(world.Bureau.MessagesTo(BureauBot.Supervisor));
        Assert.Contains("D-01", toSupervisor.Text, StringComparison.Ordinal);
        Assert.Empty(world.MessagesTo(DingTalkBureau.SupervisorStaffId));
        Assert.DoesNotContain(world.DingTalk.Cards, c => c.UserId == DingTalkBureau.SupervisorStaffId);
        Assert.Empty(world.DingTalk.ProtocolErrors);
    }

    [Fact]
    public async Task A_supervisor_subscribes_a_dingtalk_group_which_gets_the_digest_and_the_monthly_report_files()
    {
        await using var world = await DingTalkBureau.StartAsync();
        await world.SayAsync(DingTalkBureau.SupervisorStaffId, "/subscribe", DingTalkBureau.LeadersGroup);
        await world.DingTalk.WaitForAsync(() => world.DingTalk.SentToGroups.Any(m => m.OpenConversationId == DingTalkBureau.LeadersGroup), Timeout, "the subscription confirmed");
        await using (var db = world.Bot.CreateDbContext())
        {
            Assert.Equal(DingTalkAddresses.Group(DingTalkBureau.LeadersGroup), (await db.ChatSubscriptions.SingleAsync()).ChatId);
        }

        await using (var scope = world.Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DigestService>().SendAsync(CancellationToken.None);
        }

        await world.Bot.WaitForDatabaseAsync(async db => !await db.Outbox.AnyAsync(o => o.State == PlanBot.Outbox.OutboxState.Pending), what: "the digest sent");
        var digest = await WaitForGroupMessageAsync(world, m => m.Text?.Contains("**督查简报**", StringComparison.Ordinal) == true);
        Assert.Equal("sampleMarkdown", digest.MsgKey);
        Assert.Contains("**督查简报**", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", digest.Text, StringComparison.Ordinal);

        await world.SayAsync(DingTalkBureau.SupervisorStaffId, "/report 2024-05", DingTalkBureau.LeadersGroup);
        var workbook = await WaitForGroupMessageAsync(world, m => m.MsgKey == "sampleFile");
        Assert.Equal("overdue-2024-05.xlsx", (string?)workbook.MsgParam["fileName"]);
        var chart = await WaitForGroupMessageAsync(world, m => m.MsgKey == "sampleImageMsg");
        var uploads = world.DingTalk.Uploads;
        Assert.Contains(uploads, u => u.FileName == "overdue-2024-05.xlsx" && u.Type == "file" && u.Content.Length > 1000);
        Assert.Contains(uploads, u => u.Type == "image" && u.Content.AsSpan(1, 3).SequenceEqual("PNG"u8));
        Assert.NotNull(chart);
        Assert.Empty(world.DingTalk.ProtocolErrors);
    }

    [Fact]
    public async Task A_person_outside_the_apps_visible_range_is_marked_unreachable_and_the_admin_told_on_telegram()
    {
        await using var world = await DingTalkBureau.StartAsync();
        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/help");
        await world.NextMessageToAsync(DingTalkBureau.OwnerBStaffId, 0);
        // The app's visible range no longer includes them (an admin narrowed it): DingTalk skips them in its answer.
        world.DingTalk.SetInvisible(DingTalkBureau.OwnerBStaffId);
        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/lists");

        await world.Bot.WaitForDatabaseAsync(async db => await db.Members.AnyAsync(m => m.Name == "产业科负责人" && !m.Reachable), what: "产业科负责人 unreachable");
        var notice = await world.Bureau.NextMessageAsync(BureauBot.Admin, 0);
        Assert.Contains("产业科负责人", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_and_an_expired_token_delay_a_message_but_lose_none()
    {
        await using var world = await DingTalkBureau.StartAsync();
        world.DingTalk.Inject(FakeDingTalk.DingTalkFault.Throttled, times: 1, userId: DingTalkBureau.OwnerBStaffId);
        world.DingTalk.ExpireNextToken();

        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/help");
        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/lists");

        var first = await world.NextMessageToAsync(DingTalkBureau.OwnerBStaffId, 0);
        var second = await world.NextMessageToAsync(DingTalkBureau.OwnerBStaffId, 1);
        Assert.Contains("/my", first.Text, StringComparison.Ordinal); // /help came first, and is first still
        Assert.DoesNotContain("/my", second.Text, StringComparison.Ordinal);
        await world.Bot.WaitForDatabaseAsync(async db => await db.Outbox.CountAsync(o => o.Channel == Channel.DingTalk && o.State == PlanBot.Outbox.OutboxState.Sent) == 2, what: "both sent");
        await using var check = world.Bot.CreateDbContext();
        Assert.Contains(await check.Outbox.Where(o => o.Channel == Channel.DingTalk).Select(o => o.LastError).ToListAsync(), e => e == null);
    }

    [Fact]
    public async Task Refused_app_credentials_pause_dingtalk_sending_and_cost_no_member_or_group_anything()
    {
        // The secret was rotated in DingTalk's console and not yet here: DingTalk refuses the app, not a recipient.
        await using var dingTalk = await FakeDingTalk.FakeDingTalkServer.StartAsync();
        await using var bureau = await BureauBot.StartAsync(o =>
        {
            o.Settings["DingTalk:ClientId"] = dingTalk.ClientId;
            o.Settings["DingTalk:ClientSecret"] = "an-old-secret";
            o.Settings["DingTalk:RobotCode"] = dingTalk.RobotCode;
            o.Settings["DingTalk:ApiBaseUrl"] = dingTalk.BaseUrl;
            o.Settings["DingTalk:OapiBaseUrl"] = dingTalk.BaseUrl;
        });
        var group = DingTalkAddresses.Group(DingTalkBureau.LeadersGroup);
        await using (var db = bureau.Bot.CreateDbContext())
        {
            var ownerB = await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "产业科负责人");
            ownerB.LinkTo(DingTalkAddresses.User(DingTalkBureau.OwnerBStaffId), DateTime.UnixEpoch);
            ownerB.ChatId = DingTalkAddresses.User(DingTalkBureau.OwnerBStaffId);
            db.ChatSubscriptions.Add(new ChatSubscription { ChatId = group, AddedByMemberId = ownerB.Id });
            await db.SaveChangesAsync();
        }

        await using (var scope = bureau.Bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DigestService>().SendAsync(CancellationToken.None);
        }

        await bureau.Bot.WaitForDatabaseAsync(
            async db => await db.Outbox.CountAsync(o => o.Channel == Channel.DingTalk && o.LastError != null && o.LastError.Contains("credentials")) >= 1,
            what: "a DingTalk send refused for the app's credentials");
        await bureau.Bot.WaitForLogAsync(l => l.Message.Contains("refused the bot itself", StringComparison.Ordinal), Timeout, "the refusal logged");
        await using var check = bureau.Bot.CreateDbContext();
        Assert.True((await check.Members.SingleAsync(m => m.Name == "产业科负责人")).Reachable);
        Assert.Equal(group, (await check.ChatSubscriptions.SingleAsync()).ChatId);
        Assert.Equal(0, await check.Outbox.CountAsync(o => o.Channel == Channel.DingTalk && o.State != PlanBot.Outbox.OutboxState.Pending));
        Assert.True(await check.Outbox.CountAsync(o => o.ChatId == group) >= 1);
        Assert.Empty(dingTalk.SentToUsers.Concat(dingTalk.SentToGroups));
        // Telegram, a channel of its own, went on sending meanwhile.
        Assert.NotEmpty(bureau.MessagesTo(BureauBot.Supervisor));
    }

    private static async Task<FakeDingTalk.SentRobotMessage> WaitForGroupMessageAsync(DingTalkBureau world, Func<FakeDingTalk.SentRobotMessage, bool> match)
    {
        await world.DingTalk.WaitForAsync(
            () => world.DingTalk.SentToGroups.Any(m => m.OpenConversationId == DingTalkBureau.LeadersGroup && match(m)), Timeout, "a group message");
        return world.DingTalk.SentToGroups.First(m => m.OpenConversationId == DingTalkBureau.LeadersGroup && match(m));
    }
}
