using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.DingTalk;
using PlanBot.Inbox;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.FakeDingTalk;
using PlanBot.Tests.Support;
using Xunit.Abstractions;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// The bot on DingTalk alone, as a separate process, killed the hard way while it applies a burst of progress messages
/// and started again on the same database: every push it acknowledged is applied exactly once, and so is every push
/// DingTalk sends again because the kill left it unacknowledged.
/// </summary>
public sealed class DingTalkCrashTests(ITestOutputHelper output)
{
    private const int Owners = 120;
    private static readonly TimeSpan Finish = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Progress_burst_on_dingtalk_killed_midway_applies_every_push_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await ReliabilityPlan.SeedAsync(db, Owners, overdue: false);
            // The owners work in DingTalk: each linked by staff id (as from the roster), reached there.
            foreach (var member in await db.Members.Include(m => m.Contacts).Where(m => m.Roles == MemberRoles.Owner).ToListAsync())
            {
                member.Contacts.Clear();
                member.ChatId = null;
                member.LinkTo(DingTalkAddresses.User(StaffIdOf(member.Name)), DateTime.UnixEpoch);
            }

            await db.SaveChangesAsync();
        }

        // The gateway sends again what was not acknowledged, as DingTalk's Stream mode does for a push it is unsure of.
        await using var dingTalk = await FakeDingTalkServer.StartAsync();
        dingTalk.RedeliverAfter = TimeSpan.FromSeconds(2);
        var settings = ReliabilityPlan.ProcessSettings("", database.ConnectionString);
        settings.Remove("Telegram:BotToken");
        settings.Remove("Telegram:ApiBaseUrl");
        settings["DingTalk:ClientId"] = dingTalk.ClientId;
        settings["DingTalk:ClientSecret"] = dingTalk.ClientSecret;
        settings["DingTalk:RobotCode"] = dingTalk.RobotCode;
        settings["DingTalk:ApiBaseUrl"] = dingTalk.BaseUrl;
        settings["DingTalk:OapiBaseUrl"] = dingTalk.BaseUrl;
        var clock = Stopwatch.StartNew();

        var pushes = new List<string>();
        int ackedAtKill;
        await using (var first = BotProcess.Start(settings))
        {
            await dingTalk.WaitForConnectionAsync(timeout: Finish);
            for (var i = 0; i < Owners; i++)
            {
                pushes.Add(await dingTalk.PushRobotMessageAsync(StaffIdOf(i), $"/progress {ReliabilityPlan.CodeOf(i)} {40 + (i % 50)} 第{i}次"));
            }

            await dingTalk.WaitForAsync(() => Acked(dingTalk, pushes) >= Owners / 2 && Replied(dingTalk).Count >= 10, Finish, "half acknowledged, replies flowing");
            await first.KillAsync();
            ackedAtKill = Acked(dingTalk, pushes);
            AssertNoSecret(first.Output, dingTalk);
        }

        await using (var second = BotProcess.Start(settings))
        {
            await dingTalk.WaitForAsync(() => Acked(dingTalk, pushes) == Owners && Replied(dingTalk).Count == Owners, Finish, "every push acknowledged and answered");
            await WaitForAppliedAsync(database);
            await second.KillAsync();
            AssertNoSecret(second.Output, dingTalk);
        }

        await using var check = database.CreateContext();
        var history = await check.ProgressUpdates.AsNoTracking().Where(u => u.Kind == UpdateKind.Progress).ToListAsync();
        var replies = Replied(dingTalk);
        var duplicateReplies = replies.Values.Sum(n => n - 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DingTalk progress burst: {Owners} pushes, killed with {ackedAtKill} acknowledged; {pushes.Sum(dingTalk.DeliveriesOf) - Owners} redelivered; {history.Count} history rows, {duplicateReplies} duplicate repl(ies), {clock.Elapsed.TotalSeconds:0.0} s"));

        Assert.InRange(ackedAtKill, Owners / 2, Owners - 1);
        Assert.Equal(Owners, await check.Inbox.CountAsync(e => e.State == InboxState.Processed));
        Assert.Equal(Owners, history.Count);
        Assert.All(history.GroupBy(h => h.TaskId), g => Assert.Single(g));
        var tasks = await check.Tasks.AsNoTracking().ToListAsync();
        for (var i = 0; i < Owners; i++)
        {
            Assert.Equal(40 + (i % 50), tasks.Single(t => t.Code == ReliabilityPlan.CodeOf(i)).ProgressPercent);
        }

        // At most one repeat per send in flight at the kill (docs/reliability.md).
        Assert.InRange(duplicateReplies, 0, DingTalkMessageTransport.SendsInFlight);
        Assert.Empty(dingTalk.ProtocolErrors);
    }

    private static string StaffIdOf(int owner) => "u" + owner.ToString(CultureInfo.InvariantCulture);

    private static string StaffIdOf(string memberName) => "u" + memberName["负责人".Length..];

    private static int Acked(FakeDingTalkServer dingTalk, List<string> pushes)
    {
        var acked = dingTalk.Acks.Where(a => a.Code == 200).Select(a => a.MessageId).ToHashSet();
        return pushes.Count(acked.Contains);
    }

    private static Dictionary<string, int> Replied(FakeDingTalkServer dingTalk) =>
        dingTalk.SentToUsers.SelectMany(m => m.UserIds).GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());

    private static async Task WaitForAppliedAsync(TestDatabase database)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Finish;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                if (!await db.Inbox.AnyAsync(e => e.State == InboxState.Pending) && !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending))
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The inbox and outbox were never drained.");
            // Poll interval of a bounded wait on a condition.
            await Task.Delay(100);
        }
    }

    private static void AssertNoSecret(string processOutput, FakeDingTalkServer dingTalk)
    {
        Assert.False(string.IsNullOrWhiteSpace(processOutput), "The bot process wrote no log at all.");
        Assert.DoesNotContain(dingTalk.ClientSecret, processOutput, StringComparison.Ordinal);
        Assert.All(dingTalk.IssuedTokens, token => Assert.DoesNotContain(token, processOutput, StringComparison.Ordinal));
    }
}
