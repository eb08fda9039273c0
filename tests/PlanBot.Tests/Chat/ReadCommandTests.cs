using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

public sealed class ReadCommandTests
{
    private static string Text(ChatResponse response) => Assert.Single(response.Messages).Text;

    [Fact]
    public async Task Help_lists_only_the_commands_the_member_may_use()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var owner = Text(await chat.SendAsync(ChatHarness.OwnerA, "/help"));
        var supervisor = Text(await chat.SendAsync(ChatHarness.Supervisor, "/help"));
        var admin = Text(await chat.SendAsync(ChatHarness.Admin, "/help"));

        Assert.Contains("/progress", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("/overdue", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("/invite", owner, StringComparison.Ordinal);
        Assert.Contains("/overdue", supervisor, StringComparison.Ordinal);
        Assert.Contains("/digest", supervisor, StringComparison.Ordinal);
        Assert.Contains("/report", supervisor, StringComparison.Ordinal);
        Assert.DoesNotContain("/progress", supervisor, StringComparison.Ordinal);
        Assert.Contains("/invite", admin, StringComparison.Ordinal);
        Assert.Contains("/remind", admin, StringComparison.Ordinal);
        Assert.Contains("您可以更新任何任务", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_shows_the_owners_open_tasks_with_light_first()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var my = Text(await chat.SendAsync(ChatHarness.OwnerB, "/my"));

        Assert.Contains("🔴 <b>D-01</b> 共同富裕样板 · 0% · 截止 2024-05-31", my, StringComparison.Ordinal);
        Assert.Contains("H-01", my, StringComparison.Ordinal);
        Assert.DoesNotContain("K-01", my, StringComparison.Ordinal);
        Assert.True(my.IndexOf("D-01", StringComparison.Ordinal) < my.IndexOf("H-01", StringComparison.Ordinal), "overdue first");
    }

    [Fact]
    public async Task Lists_counts_tasks_by_light_per_list()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var lists = Text(await chat.SendAsync(ChatHarness.Supervisor, "/lists"));

        Assert.Contains("<b>重点工作</b>(K,2 项):✅ 0 · 🔴 0 · 🟡 0 · 🟢 2", lists, StringComparison.Ordinal);
        Assert.Contains("<b>难点工作</b>(D,1 项):✅ 0 · 🔴 1 · 🟡 0 · 🟢 0", lists, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/list key")]
    [InlineData("/list 重点")]
    [InlineData("/list 重点工作")]
    [InlineData("/list@PlanBotTest k")]
    public async Task List_accepts_latin_and_chinese_names(string command)
    {
        await using var chat = await ChatHarness.CreateAsync();

        var list = Text(await chat.SendAsync(ChatHarness.OwnerA, command));

        Assert.Contains("<b>重点工作</b>(2 项)", list, StringComparison.Ordinal);
        Assert.Contains("K-05", list, StringComparison.Ordinal);
        Assert.DoesNotContain("H-01", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_with_an_unknown_name_explains_the_usage()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "/list 其他"));

        Assert.Contains("没有“其他”这张清单", answer, StringComparison.Ordinal);
        Assert.Contains("用法:/list", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_card_shows_details_escaped_and_buttons_only_for_those_who_may_update()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerB, "/progress H-01 40 方案报审");

        var ownerCard = Assert.Single((await chat.SendAsync(ChatHarness.OwnerB, "/task h1")).Messages);
        var supervisorCard = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/task H-01")).Messages);

        Assert.Contains("<b>H-01 深化改革 &lt;试点&gt;</b>", ownerCard.Text, StringComparison.Ordinal);
        Assert.Contains("责任人:产业科负责人", ownerCard.Text, StringComparison.Ordinal);
        Assert.Contains("截止:2024-11-30", ownerCard.Text, StringComparison.Ordinal);
        Assert.Contains("进度:40%", ownerCard.Text, StringComparison.Ordinal);
        Assert.Contains("产业科负责人:进度 40% — 方案报审", ownerCard.Text, StringComparison.Ordinal);
        Assert.NotNull(ownerCard.TaskId);
        Assert.Equal(6, ownerCard.Buttons.SelectMany(row => row).Count());
        Assert.Contains(ownerCard.Buttons.SelectMany(row => row), b => b.Label == "⚠️ 遇到困难");
        Assert.Empty(supervisorCard.Buttons);
    }

    [Fact]
    public async Task Task_card_shows_target_milestones_and_original_deadline()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 5200名");
        await chat.SendAsync(ChatHarness.OwnerA, "/extend K-05 2025-03-31 培训延期");
        var request = (await chat.DeliverLatestAsync(ChatHarness.Supervisor), chat.Services);
        _ = request;

        var card = Text(await chat.SendAsync(ChatHarness.Supervisor, "/task K-05"));

        Assert.Contains("目标:5200 / 10000 名 技能人才", card, StringComparison.Ordinal);
        Assert.Contains("节点 2024-09-30:过半(应达 50%)", card, StringComparison.Ordinal);
        Assert.Contains("申请延期至 2025-03-31 — 培训延期", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_lists_overdue_tasks_for_supervisors_and_is_refused_to_owners()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var overdue = Text(await chat.SendAsync(ChatHarness.Supervisor, "/overdue"));
        var refused = Text(await chat.SendAsync(ChatHarness.OwnerA, "/overdue"));

        Assert.Contains("D-01", overdue, StringComparison.Ordinal);
        // Deadline Friday 5月31日, today Saturday 6月15日: 6月3–7日 and 11–14日 (6月10日 is 端午节).
        Assert.Contains("逾期 9 个工作日(截止 5月31日)", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("K-01", overdue, StringComparison.Ordinal);
        Assert.Contains("/overdue 仅限督查人员 / 管理员使用", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_milestone_is_behind_a_milestone_and_a_passed_deadline_overdue_on_the_card_and_in_overdue()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            var k01 = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            db.Milestones.Add(new Milestone { TaskId = k01.Id, Date = new DateOnly(2024, 5, 31), Title = "提出应对举措", ExpectedPercent = 25 });
            await db.SaveChangesAsync();
        }

        var overdue = Text(await chat.SendAsync(ChatHarness.Supervisor, "/overdue"));
        var card = Text(await chat.SendAsync(ChatHarness.Supervisor, "/task K-01"));

        Assert.StartsWith("<b>红灯任务</b> 2 项:逾期 1 项,节点滞后 1 项", overdue, StringComparison.Ordinal);
        var overdueSection = overdue.IndexOf("<b>逾期</b>(已过截止日期)· 1 项", StringComparison.Ordinal);
        var behindSection = overdue.IndexOf("<b>节点滞后</b>(节点未达到应有进度)· 1 项", StringComparison.Ordinal);
        Assert.True(overdueSection > 0 && behindSection > overdueSection, overdue);
        Assert.True(overdue.IndexOf("D-01", StringComparison.Ordinal) < behindSection && overdue.IndexOf("K-01", StringComparison.Ordinal) > behindSection, overdue);
        Assert.Contains("节点滞后 9 个工作日(节点 5月31日「提出应对举措」应达 25%)", overdue, StringComparison.Ordinal);
        Assert.Contains("亮灯:🔴 节点滞后 9 个工作日(节点 5月31日「提出应对举措」应达 25%)", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocked_turns_a_green_task_yellow_and_a_red_one_stays_red_for_its_date()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 50 已完成方案");

        var green = Text(await chat.SendAsync(ChatHarness.OwnerA, "/task K-01"));
        await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 资金未到位");
        var yellow = Text(await chat.SendAsync(ChatHarness.OwnerA, "/task K-01"));
        await chat.SendAsync(ChatHarness.OwnerB, "/blocked D-01 土地指标未落实");
        var red = Text(await chat.SendAsync(ChatHarness.OwnerB, "/task D-01"));

        Assert.StartsWith("🟢 <b>K-01", green, StringComparison.Ordinal);
        Assert.StartsWith("🟡 <b>K-01", yellow, StringComparison.Ordinal);
        Assert.Contains("亮灯:🟡 遇到困难", yellow, StringComparison.Ordinal);
        Assert.StartsWith("🔴 <b>D-01", red, StringComparison.Ordinal);
        Assert.Contains("困难:土地指标未落实", red, StringComparison.Ordinal);
        Assert.Contains("亮灯:🔴 逾期 9 个工作日(截止 5月31日)", red, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_gets_a_pointer_to_help()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("没有 /frobnicate 这个命令", Text(await chat.SendAsync(ChatHarness.OwnerA, "/frobnicate")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_data_is_shown_in_a_group_only_after_a_supervisor_subscribed_it()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var refused = Text(await chat.SendAsync(ChatHarness.OwnerA, "/task K-01", groupChatId: -400));
        Assert.Contains("请在与机器人的私聊中使用 /task", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("挖掘房地产潜力", refused, StringComparison.Ordinal);

        await chat.SendAsync(ChatHarness.Supervisor, "/subscribe", groupChatId: -400);
        Assert.Contains("挖掘房地产潜力", Text(await chat.SendAsync(ChatHarness.OwnerA, "/task K-01", groupChatId: -400)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_for_another_bot_in_a_group_is_ignored()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Empty((await chat.SendAsync(ChatHarness.OwnerA, "/help@OtherBot", groupChatId: -100)).Messages);
    }

    [Fact]
    public async Task Lang_en_switches_the_answer_language()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Equal("✅ Language set to English.", Text(await chat.SendAsync(ChatHarness.OwnerA, "/lang en")));
        Assert.Contains("🟢 <b>K-01</b> 挖掘房地产潜力 · 0% · due 2024-12-31", Text(await chat.SendAsync(ChatHarness.OwnerA, "/my")), StringComparison.Ordinal);
        Assert.Contains("There is no task K-99", Text(await chat.SendAsync(ChatHarness.OwnerA, "/task K-99")), StringComparison.Ordinal);
        var card = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/task K-01")).Messages);
        Assert.Contains(card.Buttons.SelectMany(row => row), b => b.Label == "⏰ Extend");
        Assert.Equal("✅ 语言已设为中文。", Text(await chat.SendAsync(ChatHarness.OwnerA, "/lang zh")));
    }

    [Fact]
    public async Task Lang_with_an_unknown_language_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        Assert.Contains("用法:/lang zh|en", Text(await chat.SendAsync(ChatHarness.OwnerA, "/lang fr")), StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Whoami_shows_name_and_roles()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var text = Text(await chat.SendAsync(ChatHarness.Supervisor, "/whoami"));

        Assert.Contains("<b>分管副局长</b>", text, StringComparison.Ordinal);
        Assert.Contains("角色:督查人员", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_messages_are_never_applied()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var answer = Text(await chat.EditAsync(ChatHarness.OwnerA, "/done K-01"));

        Assert.Contains("修改过的消息不会被处理", answer, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Plain_text_that_is_not_a_reply_gets_a_hint()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "你好"));

        Assert.Contains("/help", answer, StringComparison.Ordinal);
        Assert.Contains("/my", answer, StringComparison.Ordinal);
    }
}
