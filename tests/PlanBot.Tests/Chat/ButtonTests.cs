using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Chat.Buttons;
using PlanBot.Chat.Progress;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

public sealed class ButtonTests
{
    private static async Task<IReadOnlyList<Button>> CardButtonsAsync(ChatHarness chat, long user, string code) =>
        Assert.Single((await chat.SendAsync(user, "/task " + code)).Messages).Buttons.SelectMany(r => r).ToList();

    [Fact]
    public async Task Button_data_is_short_and_signed()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var buttons = await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01");

        Assert.Equal(["25%", "50%", "75%", "✅ 完成", "⚠️ 遇到困难", "⏰ 申请延期"], buttons.Select(b => b.Label));
        Assert.All(buttons, b => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(b.Data), 1, 64));
        Assert.All(buttons, b => Assert.Matches(@"^[a-z]+:\d+(:\d+){0,2}:[A-Za-z0-9_-]{16}$", b.Data));
    }

    [Fact]
    public async Task Percent_button_records_progress_answers_with_a_toast_and_a_refreshed_card()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var fifty = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[1];

        var response = await chat.PressAsync(ChatHarness.OwnerA, fifty.Data);

        Assert.Equal("K-01 进度 50%", response.CallbackAnswer);
        var card = Assert.Single(response.Messages);
        Assert.Contains("已记录 <b>K-01</b>:进度 50%", card.Text, StringComparison.Ordinal);
        Assert.Contains("投资科负责人:进度 50%", card.Text, StringComparison.Ordinal);
        Assert.Equal(6, card.Buttons.SelectMany(r => r).Count());
        Assert.Equal(50, (await chat.TaskAsync("K-01")).ProgressPercent);
        Assert.Equal(UpdateChannel.Button, Assert.Single(await chat.HistoryAsync("K-01")).Channel);
        await using var db = chat.Db();
        var toast = await db.Outbox.SingleAsync(o => o.AnswerCallbackQueryId != null);
        Assert.Equal("K-01 进度 50%", toast.Text);
    }

    [Fact]
    public async Task Done_button_asks_to_close_the_task_and_a_second_press_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var done = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[3];

        var press = await chat.PressAsync(ChatHarness.OwnerA, done.Data);

        Assert.Equal("K-01 已申请销号 🏁", press.CallbackAnswer);
        Assert.Contains("🟢 待销号", press.Messages.Single(m => m.ChatId == ChatHarness.OwnerA).Text, StringComparison.Ordinal);
        Assert.Single(press.Messages, m => m.ChatId == ChatHarness.Supervisor);
        Assert.Equal(PlanTaskStatus.CloseRequested, (await chat.TaskAsync("K-01")).Status);
        var before = await chat.SnapshotAsync();

        var again = await chat.PressAsync(ChatHarness.OwnerA, done.Data);

        Assert.Equal("K-01 已申请销号", again.CallbackAnswer);
        Assert.Empty(again.Messages);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Done_button_marks_done_where_close_outs_are_not_reviewed()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CloseOut:RequireReview"] = "false" });
        var done = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[3];

        Assert.Equal("K-01 已完成 ✅", (await chat.PressAsync(ChatHarness.OwnerA, done.Data)).CallbackAnswer);
        Assert.Equal(PlanTaskStatus.Done, (await chat.TaskAsync("K-01")).Status);
    }

    [Theory]
    [InlineData("p:1:50")]
    [InlineData("p:1:50:AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task Forged_button_data_is_refused_and_changes_nothing(string data)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var response = await chat.PressAsync(ChatHarness.OwnerA, data);

        Assert.Equal("无效的按钮", response.CallbackAnswer);
        Assert.Empty(response.Messages);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Altering_a_signed_button_to_another_task_or_value_is_refused()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var fifty = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[1].Data;
        var parts = fifty.Split(':');
        var before = await chat.SnapshotAsync();

        Assert.Equal("无效的按钮", (await chat.PressAsync(ChatHarness.OwnerA, $"p:{parts[1]}:100:{parts[3]}")).CallbackAnswer);
        Assert.Equal("无效的按钮", (await chat.PressAsync(ChatHarness.OwnerA, $"p:{int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 2}:50:{parts[3]}")).CallbackAnswer);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Genuine_button_pressed_by_someone_who_does_not_own_the_task_changes_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var ownersButton = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[3];
        var before = await chat.SnapshotAsync();

        var response = await chat.PressAsync(ChatHarness.OwnerB, ownersButton.Data);

        Assert.Equal("K-01 不是您负责的任务", response.CallbackAnswer);
        Assert.Empty(response.Messages);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task Stranger_pressing_a_button_gets_a_toast_only()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var button = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[0];

        var response = await chat.PressAsync(ChatHarness.Stranger, button.Data);

        Assert.Equal("您不在名册中", response.CallbackAnswer);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Blocked_button_asks_for_the_reason_and_the_next_message_is_taken_as_it()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var blocked = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[4];

        var prompt = await chat.PressAsync(ChatHarness.OwnerA, blocked.Data);
        Assert.Equal("请回复说明", prompt.CallbackAnswer);
        Assert.Contains("请直接回复遇到的困难", Assert.Single(prompt.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Open, (await chat.TaskAsync("K-01")).Status);

        var promptId = await chat.DeliverLatestAsync(ChatHarness.OwnerA);
        var answer = await chat.SendAsync(ChatHarness.OwnerA, "征迁协议未签", replyTo: promptId);

        Assert.Contains("遇到困难:征迁协议未签", answer.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(answer.Messages, m => m.ChatId == ChatHarness.Supervisor);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Blocked, "征迁协议未签"), (task.Status, task.BlockedReason));
        Assert.Equal(UpdateChannel.Reply, Assert.Single(await chat.HistoryAsync("K-01")).Channel);
        await using var db = chat.Db();
        var now = chat.Time.GetUtcNow().UtcDateTime;
        Assert.False(await db.Prompts.AnyAsync(p => p.OpenUntilUtc > now), "the answered question is closed");
    }

    [Fact]
    public async Task Extend_button_prompt_accepts_date_and_reason_and_keeps_asking_after_a_bad_date()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var extend = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[5];
        await chat.PressAsync(ChatHarness.OwnerA, extend.Data);

        var wrong = await chat.SendAsync(ChatHarness.OwnerA, "明年三月 拆迁未完成");
        Assert.Contains("不是有效日期", wrong.Messages[0].Text, StringComparison.Ordinal);

        var right = await chat.SendAsync(ChatHarness.OwnerA, "2025-03-31 拆迁未完成");
        Assert.Contains("2024-12-31 → 2025-03-31", right.Messages[0].Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Equal(ExtensionStatus.Pending, (await db.ExtensionRequests.SingleAsync()).Status);
        var now = chat.Time.GetUtcNow().UtcDateTime;
        Assert.False(await db.Prompts.AnyAsync(p => p.OpenUntilUtc > now), "the answered question is closed");
        Assert.Contains("请使用命令", (await chat.SendAsync(ChatHarness.OwnerA, "再说一句")).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocked_button_in_a_group_points_to_the_command_instead_of_waiting_for_text()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var blocked = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[4];
        var before = await chat.SnapshotAsync();

        var response = await chat.HandleAsync(new InboundMessage(900, InboundKind.Callback, -100, false, ChatHarness.OwnerA, "Tester", null,
            MessageId: 3, CallbackQueryId: "cb", CallbackData: blocked.Data));

        Assert.Equal("请在私聊中发送 /blocked K-01 原因", response.CallbackAnswer);
        Assert.Empty(response.Messages);
        Assert.Equal(before, await chat.SnapshotAsync());
        await using var db = chat.Db();
        Assert.Equal(0, await db.Prompts.CountAsync());
    }

    [Fact]
    public async Task A_command_after_the_blocked_button_closes_the_question()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var blocked = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[4];
        await chat.PressAsync(ChatHarness.OwnerA, blocked.Data);

        await chat.SendAsync(ChatHarness.OwnerA, "/blocked K-01 资金未到位");
        var later = await chat.SendAsync(ChatHarness.OwnerA, "明天开会");

        Assert.Contains("请使用命令", later.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("资金未到位", (await chat.TaskAsync("K-01")).BlockedReason);
        Assert.Single(await chat.HistoryAsync("K-01"));
    }

    [Fact]
    public async Task Question_expires_after_its_lifetime()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var blocked = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[4];
        await chat.PressAsync(ChatHarness.OwnerA, blocked.Data);
        chat.Time.Advance(TaskActions.PromptLifetime + TimeSpan.FromMinutes(1));

        var late = await chat.SendAsync(ChatHarness.OwnerA, "资金未到位");

        Assert.Contains("请使用命令", late.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(PlanTaskStatus.Open, (await chat.TaskAsync("K-01")).Status);
    }

    [Fact]
    public async Task Extend_button_while_a_request_is_pending_says_so_instead_of_asking()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/extend K-01 2025-03-31 拆迁未完成");
        var extend = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[5];

        var response = await chat.PressAsync(ChatHarness.OwnerA, extend.Data);

        Assert.Equal("已有待审批的延期申请", response.CallbackAnswer);
        Assert.Contains("已有一项待审批的延期申请(至 2025-03-31)", Assert.Single(response.Messages).Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Equal(0, await db.Prompts.CountAsync());
    }

    [Fact]
    public async Task Secret_is_generated_once_and_kept_in_the_database_when_not_configured()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var first = (await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01"))[0].Data;

        await using var db = chat.Db();
        var stored = await db.BotState.SingleAsync(s => s.Key == CallbackSigner.SecretSettingKey);
        Assert.Equal(32, Convert.FromBase64String(stored.Value).Length);

        // A new signer (as after a restart) reads the same secret, so old buttons still work (the card carries the task's version, 0).
        var restarted = ActivatorUtilities.CreateInstance<CallbackSigner>(chat.Services);
        Assert.Equal("p:1:25:0", restarted.Verify(first));
    }

    [Fact]
    public async Task Configured_secret_signs_buttons_without_touching_the_database()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CallbackSecret"] = "s3cret" });
        var signer = chat.Services.GetRequiredService<CallbackSigner>();

        var data = signer.Sign("d:3");

        Assert.Equal("d:3", signer.Verify(data));
        await using var db = chat.Db();
        Assert.Equal(0, await db.BotState.CountAsync());
    }

    [Fact]
    public async Task Compact_row_carries_the_code_on_each_button_and_the_tasks_version_on_percent_and_done()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 30");
        var task = await chat.TaskAsync("K-01");
        var buttons = chat.Services.GetRequiredService<ITaskButtons>();
        var signer = chat.Services.GetRequiredService<CallbackSigner>();

        var row = buttons.CompactRow(task, "zh");

        Assert.All(row, b => Assert.StartsWith("K-01 ", b.Label, StringComparison.Ordinal));
        Assert.All(row, b => Assert.NotNull(signer.Verify(b.Data)));
        Assert.True(task.Version > 0);
        Assert.Equal($"p:{task.Id}:50:{task.Version}", signer.Verify(row[0].Data));
        Assert.Equal($"d:{task.Id}:{task.Version}", signer.Verify(row[1].Data));
    }

    [Fact]
    public async Task A_percent_on_the_same_older_card_after_done_asks_to_reopen_instead_of_reopening()
    {
        // One-step done: a done task is what this is about (a close-out confirmed by a supervisor is done the same way).
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:CloseOut:RequireReview"] = "false" });
        var card = await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01");
        await chat.PressAsync(ChatHarness.OwnerA, card[3].Data); // ✅
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.OwnerA, card[0].Data); // 25% on the same, older card

        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Done, 100), (task.Status, task.ProgressPercent));
        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal("K-01 已完成,是否重新打开?", press.CallbackAnswer);
        var question = Assert.Single(press.Messages);
        Assert.Contains("<b>K-01</b> 已完成", question.Text, StringComparison.Ordinal);
        var reopen = Assert.Single(question.Buttons.SelectMany(r => r));
        Assert.Equal("↩️ 重新打开,进度 25%", reopen.Label);

        var confirmed = await chat.PressAsync(ChatHarness.OwnerA, reopen.Data);

        Assert.Equal("K-01 进度 25%", confirmed.CallbackAnswer);
        task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Open, 25), (task.Status, task.ProgressPercent));
        Assert.Equal([UpdateKind.Done, UpdateKind.Reopened, UpdateKind.Progress], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));

        // The question answered once: pressing it again reopens nothing more.
        var again = await chat.PressAsync(ChatHarness.OwnerA, reopen.Data);
        Assert.Equal(3, (await chat.HistoryAsync("K-01")).Count);
        Assert.Equal("卡片已过期", again.CallbackAnswer);
    }

    [Fact]
    public async Task A_percent_on_a_task_awaiting_close_out_asks_before_withdrawing_the_request()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01");
        await chat.PressAsync(ChatHarness.OwnerA, card[3].Data); // ✅: asks to close
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.OwnerA, card[2].Data); // 75% on the same card

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal("K-01 待销号,是否撤回申请?", press.CallbackAnswer);
        var question = Assert.Single(press.Messages);
        Assert.Contains("<b>K-01</b> 正在等待销号。要撤回销号申请并把进度记为 75% 吗?", question.Text, StringComparison.Ordinal);
        var withdraw = Assert.Single(question.Buttons.SelectMany(r => r));
        Assert.Equal("↩️ 撤回销号申请,进度 75%", withdraw.Label);

        await chat.PressAsync(ChatHarness.OwnerA, withdraw.Data);

        var task = await chat.TaskAsync("K-01");
        Assert.Equal((PlanTaskStatus.Open, 75), (task.Status, task.ProgressPercent));
        Assert.Equal([UpdateKind.CloseOutRequested, UpdateKind.Progress], (await chat.HistoryAsync("K-01")).Select(h => h.Kind));
    }

    [Fact]
    public async Task A_button_of_a_card_older_than_the_last_change_changes_nothing_and_shows_the_current_card()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var older = await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01");
        var newer = await CardButtonsAsync(chat, ChatHarness.OwnerA, "K-01");
        await chat.PressAsync(ChatHarness.OwnerA, newer[2].Data); // 75%
        var before = await chat.SnapshotAsync();

        var press = await chat.PressAsync(ChatHarness.OwnerA, older[0].Data); // 25% from before the 75%

        Assert.Equal(before, await chat.SnapshotAsync());
        Assert.Equal(75, (await chat.TaskAsync("K-01")).ProgressPercent);
        Assert.Equal("卡片已过期", press.CallbackAnswer);
        var current = Assert.Single(press.Messages);
        Assert.Contains("投资科负责人:进度 75%", current.Text, StringComparison.Ordinal);
        Assert.Equal(6, current.Buttons.SelectMany(r => r).Count());

        // The current card's buttons work.
        await chat.PressAsync(ChatHarness.OwnerA, current.Buttons[0][0].Data);
        Assert.Equal(25, (await chat.TaskAsync("K-01")).ProgressPercent);
    }
}
