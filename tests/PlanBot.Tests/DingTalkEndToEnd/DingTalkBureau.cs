using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.DingTalk;
using PlanBot.Plans;
using PlanBot.Tests.EndToEnd;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.FakeDingTalk;

namespace PlanBot.Tests.DingTalkEndToEnd;

/// <summary>
/// The <see cref="BureauBot"/>'s small bureau with DingTalk switched on beside Telegram: one process, one roster, the real
/// host against the fake Bot API and the fake DingTalk (OpenAPI + Stream gateway) over HTTP and WebSocket on 127.0.0.1.
/// 产业科负责人 (owner of H-01 and D-01) is also linked on DingTalk by staff id, as an admin would from the roster.
/// </summary>
public sealed class DingTalkBureau : IAsyncDisposable
{
    public const string OwnerBStaffId = "cy0102";
    public const string SupervisorStaffId = "fg0201";
    public const string LeadersGroup = "cidLeaders0001==";

    private DingTalkBureau(BureauBot bureau, FakeDingTalkServer dingTalk)
    {
        Bureau = bureau;
        DingTalk = dingTalk;
    }

    public BureauBot Bureau { get; }

    public FakeDingTalkServer DingTalk { get; }

    public BotTestHost Bot => Bureau.Bot;

    public static async Task<DingTalkBureau> StartAsync(Action<BotTestHostOptions>? configure = null)
    {
        var dingTalk = await FakeDingTalkServer.StartAsync();
        try
        {
            var bureau = await BureauBot.StartAsync(o =>
            {
                o.Settings["DingTalk:ClientId"] = dingTalk.ClientId;
                o.Settings["DingTalk:ClientSecret"] = dingTalk.ClientSecret;
                o.Settings["DingTalk:RobotCode"] = dingTalk.RobotCode;
                o.Settings["DingTalk:ApiBaseUrl"] = dingTalk.BaseUrl;
                o.Settings["DingTalk:OapiBaseUrl"] = dingTalk.BaseUrl;
                configure?.Invoke(o);
            });
            dingTalk.AddGroup(LeadersGroup);
            await using (var db = bureau.Bot.CreateDbContext())
            {
                var ownerB = await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "产业科负责人");
                ownerB.LinkTo(DingTalkAddresses.User(OwnerBStaffId), DateTime.UnixEpoch);
                var supervisor = await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "分管副局长");
                supervisor.LinkTo(DingTalkAddresses.User(SupervisorStaffId), DateTime.UnixEpoch);
                await db.SaveChangesAsync();
            }

            await dingTalk.WaitForConnectionAsync();
            return new DingTalkBureau(bureau, dingTalk);
        }
        catch
        {
            await dingTalk.DisposeAsync();
            throw;
        }
    }

    /// <summary>Robot messages a person got in their private chat, oldest first.</summary>
    public IReadOnlyList<SentRobotMessage> MessagesTo(string staffId) =>
        DingTalk.SentToUsers.Where(m => m.UserIds.Contains(staffId)).ToList();

    /// <summary>
    /// Says <paramref name="text"/> as <paramref name="staffId"/> to the robot (in <paramref name="group"/>, @-mentioning
    /// it, when given), waits until PlanBot has stored and acknowledged it, and returns the push's message id.
    /// </summary>
    public async Task<string> SayAsync(string staffId, string text, string? group = null)
    {
        var messageId = await DingTalk.PushRobotMessageAsync(new RobotMessage(staffId, text) { OpenConversationId = group });
        var ack = await DingTalk.WaitForAckAsync(messageId, TimeSpan.FromSeconds(10));
        Assert.Equal(200, ack.Code);
        return messageId;
    }

    /// <summary>The (<paramref name="index"/>+1)-th robot message to a person's private chat.</summary>
    public async Task<SentRobotMessage> NextMessageToAsync(string staffId, int index)
    {
        await DingTalk.WaitForAsync(() => MessagesTo(staffId).Count > index, TimeSpan.FromSeconds(15), $"message {index + 1} to {staffId}");
        return MessagesTo(staffId)[index];
    }

    public async Task<Member> MemberAsync(string name)
    {
        await using var db = Bot.CreateDbContext();
        return await db.Members.AsNoTracking().Include(m => m.Contacts).SingleAsync(m => m.Name == name);
    }

    /// <summary>The outbox and the robot's sends, for a failing assertion's message.</summary>
    public async Task<string> DumpAsync()
    {
        await using var db = Bot.CreateDbContext();
        var rows = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        return string.Join('\n', rows.Select(o => $"#{o.Id} {o.ChatId} {o.State} {o.LastError} {o.Text[..Math.Min(60, o.Text.Length)]}"))
            + "\nDingTalk: " + string.Join('\n', DingTalk.SentToUsers.Concat(DingTalk.SentToGroups).Select(m => $"{string.Join(',', m.UserIds)}{m.OpenConversationId} {m.MsgKey} {m.Text?[..Math.Min(60, m.Text.Length)]}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Bureau.DisposeAsync();
        await DingTalk.DisposeAsync();
    }
}
