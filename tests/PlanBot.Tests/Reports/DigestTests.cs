using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Scheduling;

namespace PlanBot.Tests.Reports;

public sealed class DigestTests
{
    /// <summary>
    /// A small plan seen on Monday 2024-10-14: one task newly overdue, one long overdue, one finished, one updated,
    /// one due soon, one stale, one blocked, one with an extension request waiting; an owner who said nothing and one
    /// on leave.
    /// </summary>
    private static async Task<(SchedulingWorld World, Member Supervisor)> KnownPlanAsync()
    {
        var world = await SchedulingWorld.CreateAsync("2024-10-14 08:30");
        var silent = await world.MemberAsync("投资科负责人");
        var active = await world.MemberAsync("产业科负责人");
        var onLeave = await world.MemberAsync("金融科负责人");
        onLeave.PausedUntil = SchedulingWorld.Day("2024-10-20");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        await world.TaskAsync("K-01", "2024-10-10", silent, lastUpdate: "2024-10-02 10:00", percent: 40);
        await world.TaskAsync("K-02", "2024-09-20", silent, lastUpdate: "2024-10-02 10:00", percent: 70);
        await world.TaskAsync("K-03", "2024-10-31", active, configure: t =>
        {
            t.Status = PlanTaskStatus.Done;
            t.ProgressPercent = 100;
            t.DoneAtUtc = SchedulingWorld.At("2024-10-09 16:00").UtcDateTime;
            t.LastUpdateAtUtc = t.DoneAtUtc;
        });
        var updated = await world.TaskAsync("H-01", "2024-12-31", active, lastUpdate: "2024-10-12 11:00", percent: 80);
        world.Db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = updated.Id,
            MemberId = active.Id,
            AtUtc = SchedulingWorld.At("2024-10-12 11:00").UtcDateTime,
            Kind = UpdateKind.Progress,
            Percent = 80,
            Note = "已完成招标",
            Channel = UpdateChannel.Reply,
        });
        await world.TaskAsync("H-02", "2024-10-25", onLeave, lastUpdate: "2024-10-01 10:00", percent: 10);
        await world.TaskAsync("D-01", "2024-12-31", silent, lastUpdate: "2024-09-01 10:00", percent: 90);
        var blocked = await world.TaskAsync("D-02", "2024-12-31", active, lastUpdate: "2024-10-03 09:00", percent: 60, configure: t =>
        {
            t.Status = PlanTaskStatus.Blocked;
            t.BlockedReason = "资金未到位";
        });
        world.Db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = blocked.Id,
            MemberId = active.Id,
            AtUtc = SchedulingWorld.At("2024-10-03 09:00").UtcDateTime,
            Kind = UpdateKind.Blocked,
            Note = "资金未到位",
            Channel = UpdateChannel.Command,
        });
        var dueSoon = await world.Db.Tasks.SingleAsync(t => t.Code == "H-02");
        world.Db.ExtensionRequests.Add(new ExtensionRequest
        {
            TaskId = dueSoon.Id,
            RequestedById = onLeave.Id,
            RequestedDeadline = SchedulingWorld.Day("2024-11-15"),
            Reason = "等待省厅批复",
            CreatedAtUtc = SchedulingWorld.At("2024-10-10 15:00").UtcDateTime,
        });
        await world.Db.SaveChangesAsync();
        return (world, supervisor);
    }

    [Fact]
    public async Task Digest_counts_lights_per_list_and_names_what_changed_and_what_needs_attention()
    {
        var (world, _) = await KnownPlanAsync();
        await using var _world = world;

        var digest = await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14"));

        Assert.Equal(SchedulingWorld.Day("2024-10-07"), digest.Since);
        Assert.Equal(new ListLightCounts(WorkList.Key, 2, 0, 0, 1), digest.Lists[0]);
        // H-02 is at 10 % eleven days before its deadline: far behind its 序时进度, so red.
        Assert.Equal(new ListLightCounts(WorkList.Highlight, 1, 0, 1, 0), digest.Lists[1]);
        Assert.Equal(new ListLightCounts(WorkList.Difficulty, 0, 2, 0, 0), digest.Lists[2]);
        Assert.Equal(["K-01"], digest.NewlyRed.Select(t => t.Code));
        var blocked = Assert.Single(digest.Blocked);
        Assert.Equal(("D-02", SchedulingWorld.Day("2024-10-03"), "资金未到位", "产业科负责人"), (blocked.Code, blocked.Date, blocked.Note, blocked.People));
        Assert.Equal(Light.AtRisk, blocked.Light);
        var extension = Assert.Single(digest.PendingExtensions);
        Assert.Equal(("H-02", SchedulingWorld.Day("2024-11-15"), "等待省厅批复", "金融科负责人"), (extension.Code, extension.Date, extension.Note, extension.People));
        Assert.Equal(["K-03"], digest.Finished.Select(t => t.Code));
        Assert.Equal(["H-01"], digest.Updated.Select(t => t.Code));
        Assert.Equal("产业科负责人", digest.Updated[0].People);
        Assert.Equal(["D-01"], digest.Stale.Select(t => t.Code));
        Assert.Equal(["H-02"], digest.DueSoon.Select(t => t.Code));
        Assert.Equal([("金融科负责人", SchedulingWorld.Day("2024-10-20"))], digest.Paused);
    }

    [Fact]
    public async Task Last_years_plan_kept_in_the_database_is_not_counted_as_this_years()
    {
        var (world, _) = await KnownPlanAsync();
        await using var _world = world;
        // Last year's plan stays when this year's is imported; its unfinished task would count as red forever.
        var owner = await world.Db.Members.OrderBy(m => m.Id).FirstAsync();
        var old = new Plan { Year = 2023, Organisation = "区发改局" };
        old.Tasks.Add(new PlanTask { Code = "K-01", List = WorkList.Key, Title = "去年的任务", LeadUnit = "区发改局", Owner = owner, StartDate = new DateOnly(2023, 1, 1), Deadline = new DateOnly(2023, 12, 31) });
        world.Db.Plans.Add(old);
        await world.Db.SaveChangesAsync();

        var digest = await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14"));

        Assert.Equal(new ListLightCounts(WorkList.Key, 2, 0, 0, 1), digest.Lists[0]);
        Assert.DoesNotContain(digest.NewlyRed.Concat(digest.Stale), t => t.Title == "去年的任务");
    }

    [Fact]
    public async Task Tasks_awaiting_close_out_are_listed_for_the_supervisors_green_and_neither_finished_nor_late_nor_due()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-14 08:30");
        var owner = await world.MemberAsync("投资科负责人");
        var asked = await world.TaskAsync("K-01", "2024-10-10", owner, lastUpdate: "2024-10-02 10:00", percent: 80);
        asked.RequestCloseOut(new ProgressInput(ProgressKind.Done, Note: "已竣工"), owner.Id, UpdateChannel.Command, SchedulingWorld.At("2024-10-09 15:00").UtcDateTime);
        var dueSoon = await world.TaskAsync("K-02", "2024-10-20", owner, lastUpdate: "2024-10-11 10:00", percent: 90);
        dueSoon.RequestCloseOut(new ProgressInput(ProgressKind.Percent, 100), owner.Id, UpdateChannel.Reply, SchedulingWorld.At("2024-10-11 10:00").UtcDateTime);
        await world.Db.SaveChangesAsync();

        var digest = await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14"));

        Assert.Equal(new ListLightCounts(WorkList.Key, 0, 0, 2, 0), digest.Lists[0]);
        Assert.Empty(digest.NewlyRed);
        Assert.Empty(digest.Finished);
        Assert.Empty(digest.DueSoon);
        Assert.Equal(["K-01", "K-02"], digest.PendingCloseOuts.Select(t => t.Code));
        Assert.Equal((SchedulingWorld.Day("2024-10-09"), "投资科负责人", "已竣工"), (digest.PendingCloseOuts[0].Date, digest.PendingCloseOuts[0].People, digest.PendingCloseOuts[0].Note));
        Assert.True(digest.HasNews);
        var zh = DigestRenderer.Render(digest, Languages.Chinese);
        Assert.Contains("🏁 <b>待销号 2 项</b>(发送 /task 编号 销号或退回)\n🟢 <b>K-01</b> 任务K-01 — 10月9日 申请 · 投资科负责人", zh, StringComparison.Ordinal);
        Assert.Contains("🏁 <b>Awaiting close-out: 2</b>", DigestRenderer.Render(digest, Languages.English), StringComparison.Ordinal);

        // 销号 makes it finished in the period it was confirmed.
        var k01 = await world.Db.Tasks.Include(t => t.History).SingleAsync(t => t.Code == "K-01");
        k01.ConfirmCloseOut(null, UpdateChannel.Cli, SchedulingWorld.At("2024-10-14 08:00").UtcDateTime);
        await world.Db.SaveChangesAsync();
        digest = await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14"));
        Assert.Equal(["K-01"], digest.Finished.Select(t => t.Code));
        Assert.Equal(["K-02"], digest.PendingCloseOuts.Select(t => t.Code));
    }

    [Fact]
    public async Task Digest_text_is_short_sections_with_counts_first_in_the_readers_language()
    {
        var (world, _) = await KnownPlanAsync();
        await using var _world = world;
        var digest = await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14"));

        var zh = DigestRenderer.Render(digest, Languages.Chinese);
        var en = DigestRenderer.Render(digest, Languages.English);

        Assert.StartsWith("📋 <b>督查简报</b> · 10月14日", zh, StringComparison.Ordinal);
        Assert.Contains("重点工作 3 项:🔴2 🟡0 🟢0 ✅1", zh, StringComparison.Ordinal);
        Assert.Contains("🔴 <b>新亮红灯 1 项</b>(逾期或滞后)\n🔴 <b>K-01</b> 任务K-01 — 逾期 3 个工作日(截止 10月10日) · 投资科负责人", zh, StringComparison.Ordinal);
        Assert.Contains("✅ <b>K-03</b> 任务K-03 — 10月9日 完成", zh, StringComparison.Ordinal);
        Assert.Contains("🟢 <b>H-01</b> 任务H-01 — 80% · 产业科负责人", zh, StringComparison.Ordinal);
        Assert.Contains("14 天内到期 1 项", zh, StringComparison.Ordinal);
        Assert.Contains("💤 <b>久未更新 1 项</b>", zh, StringComparison.Ordinal);
        Assert.Contains("⚠️ <b>遇到困难 1 项</b>\n🟡 <b>D-02</b> 任务D-02 — 10月3日 起 · 资金未到位 · 产业科负责人", zh, StringComparison.Ordinal);
        Assert.Contains("⏰ <b>待审批的延期申请 1 项</b>\n🔴 <b>H-02</b> 任务H-02 — 申请延至 11月15日(现截止 10月25日) · 金融科负责人 · 理由:等待省厅批复", zh, StringComparison.Ordinal);
        Assert.Contains("金融科负责人 请假至 10月20日", zh, StringComparison.Ordinal);
        Assert.Contains("Key work 3: 🔴2 🟡0 🟢0 ✅1", en, StringComparison.Ordinal);
        Assert.Contains("金融科负责人 on leave until Oct 20", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_goes_to_every_supervisor_and_subscribed_chat_once_each()
    {
        var (world, supervisor) = await KnownPlanAsync();
        await using var _world = world;
        var english = await world.MemberAsync("督查专员", MemberRoles.Supervisor | MemberRoles.Admin, language: Languages.English);
        world.Db.ChatSubscriptions.Add(new ChatSubscription { ChatId = -5001, AddedByMemberId = supervisor.Id, AddedAtUtc = world.Clock.UtcNow });
        world.Db.ChatSubscriptions.Add(new ChatSubscription { ChatId = supervisor.ChatId!.Value, AddedAtUtc = world.Clock.UtcNow });
        await world.Db.SaveChangesAsync();

        await using (var db = world.Database.CreateContext())
        {
            Assert.Equal(3, await world.DigestService(db).SendAsync(CancellationToken.None));
        }

        var outbox = await world.OutboxAsync();
        Assert.Equal([supervisor.ChatId!.Value, english.ChatId!.Value, -5001L], outbox.Select(m => m.ChatId));
        Assert.Contains("督查简报", outbox[0].Text, StringComparison.Ordinal);
        Assert.Contains("Digest", outbox[1].Text, StringComparison.Ordinal);
        Assert.Null(outbox[2].RecipientMemberId);
    }

    [Fact]
    public async Task Weekly_digest_moves_from_a_holiday_Monday_to_Tuesday_and_goes_out_once_a_week()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-06-10 08:30");
        await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        // Due within 14 days of both digests: each has something to say.
        await world.TaskAsync("K-01", "2024-06-21", await world.MemberAsync("投资科负责人"), lastUpdate: "2024-06-07 10:00", percent: 90);

        async Task<int> FireAt(string local)
        {
            world.SetNow(local);
            await using var db = world.Database.CreateContext();
            return await world.DigestJob(db).RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await FireAt("2024-06-10 08:30")); // Dragon Boat Festival
        Assert.Equal(0, await FireAt("2024-06-11 08:00")); // before the time
        Assert.Equal(1, await FireAt("2024-06-11 08:30"));
        Assert.Equal(0, await FireAt("2024-06-11 15:00"));
        Assert.Equal(0, await FireAt("2024-06-12 08:30"));
        Assert.Equal(1, await FireAt("2024-06-17 08:30"));
        Assert.Equal(2, (await world.OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_scheduled_digest_with_nothing_to_say_is_not_sent_and_the_log_says_so_but_one_asked_for_says_nothing_is_new()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-14 08:30");
        var supervisor = await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        // Updated before the period, on pace, not due soon: nothing to report.
        await world.TaskAsync("H-01", "2024-12-31", await world.MemberAsync("产业科负责人"), lastUpdate: "2024-10-05 10:00", percent: 80);
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));

        await using (var db = world.Database.CreateContext())
        {
            Assert.Equal(0, await world.DigestJob(db, loggers.CreateLogger<DigestService>()).RunAsync(CancellationToken.None));
        }

        world.SetNow("2024-10-14 15:00");
        await using (var db = world.Database.CreateContext())
        {
            Assert.Equal(0, await world.DigestJob(db).RunAsync(CancellationToken.None)); // the week is done
            Assert.Equal(1, await world.DigestService(db).SendAsync(CancellationToken.None)); // /digest
        }

        Assert.Contains(logs.Lines, l => l.Message.StartsWith("Digest for 2024-10-14 not sent: nothing new since 2024-10-07", StringComparison.Ordinal));
        var asked = Assert.Single(await world.OutboxAsync());
        Assert.Equal(supervisor.ChatId, asked.ChatId);
        Assert.Contains("本期没有新的情况", asked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_names_no_person_for_not_reporting()
    {
        var (world, _) = await KnownPlanAsync();
        await using var _world = world;

        var text = DigestRenderer.Render(await world.DigestBuilder().BuildAsync(world.Db, SchedulingWorld.Day("2024-10-14")), Languages.Chinese);

        // 投资科负责人 reported nothing this week; results are judged, not app activity: their stale task is listed, they are not.
        Assert.DoesNotContain("未报送", text, StringComparison.Ordinal);
        Assert.Contains("💤 <b>久未更新 1 项</b>\n🟡 <b>D-01</b>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Period_starts_at_the_last_digest()
    {
        await using var world = await SchedulingWorld.CreateAsync("2024-10-16 08:30");
        await world.MemberAsync("分管副局长", MemberRoles.Supervisor);
        await using (var db = world.Database.CreateContext())
        {
            await world.DigestService(db).SendAsync(CancellationToken.None);
        }

        world.SetNow("2024-10-21 08:30");
        var digest = await world.DigestBuilder().BuildAsync(world.Db, world.Clock.Today);

        Assert.Equal(SchedulingWorld.Day("2024-10-16"), digest.Since);
    }
}
