using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.EndToEnd;

/// <summary>
/// Replies matched to what they reply to (issue 10, items 3 and 4), through the running bot: message ids come from the
/// fake Bot API and are recorded by the real outbox sender.
/// </summary>
public sealed class ReplyMatchingEndToEndTests
{
    /// <summary>Three days before the new deadline: on the scan's reminder day (the bot's today is 2024-06-15).</summary>
    private static readonly DateOnly DueSoon = new(2024, 6, 18);

    /// <summary>Moves the deadlines of <paramref name="codes"/> close, runs /remind as the admin, returns OwnerA's reminder.</summary>
    private static async Task<ApiCall> ReminderToOwnerAAsync(BureauBot world, params string[] codes)
    {
        await world.ArrangeAsync(async db =>
        {
            foreach (var task in await db.Tasks.Where(t => codes.Contains(t.Code)).ToListAsync())
            {
                task.Deadline = DueSoon;
            }
        });
        await world.SayAsync(BureauBot.Admin, "/remind");
        return await world.NextMessageAsync(BureauBot.OwnerA, 0);
    }

    [Fact]
    public async Task Each_question_is_answered_by_the_reply_to_it()
    {
        await using var world = await BureauBot.StartAsync();
        var card = await world.SayAsync(BureauBot.OwnerA, "/task K-01");
        await world.PressAsync(BureauBot.OwnerA, card, "⏰ 申请延期");
        var extendQuestion = await world.NextMessageAsync(BureauBot.OwnerA, 1);
        await world.PressAsync(BureauBot.OwnerA, card, "⚠️ 遇到困难");
        var blockedQuestion = await world.NextMessageAsync(BureauBot.OwnerA, 2);

        var extension = await world.ReplyAsync(BureauBot.OwnerA, extendQuestion, "2025-03-31 拆迁未完成");
        var blocker = await world.ReplyAsync(BureauBot.OwnerA, blockedQuestion, "征迁协议未签");

        Assert.Contains("2024-12-31 → 2025-03-31", extension.Text, StringComparison.Ordinal);
        Assert.Contains("遇到困难:征迁协议未签", blocker.Text, StringComparison.Ordinal);
        Assert.Equal(
            [UpdateKind.ExtensionRequested, UpdateKind.Blocked],
            (await world.HistoryAsync("K-01")).Select(u => u.Kind));
    }

    [Fact]
    public async Task A_reply_naming_a_code_to_a_reminder_about_several_tasks_updates_that_task()
    {
        await using var world = await BureauBot.StartAsync();
        var reminder = await ReminderToOwnerAAsync(world, "K-01", "K-05");
        Assert.Contains("K-05", reminder.Text, StringComparison.Ordinal);

        var confirmation = await world.ReplyAsync(BureauBot.OwnerA, reminder, "K-01 60 已完成招标");

        Assert.Contains("<b>K-01</b>:进度 60%", confirmation.Text, StringComparison.Ordinal);
        var update = Assert.Single(await world.HistoryAsync("K-01"));
        Assert.Equal((60, "已完成招标", UpdateChannel.Reply), (update.Percent!.Value, update.Note, update.Channel));
        Assert.Empty(await world.HistoryAsync("K-05"));
    }

    [Fact]
    public async Task A_reply_without_a_code_to_a_reminder_about_several_tasks_lists_them_with_their_buttons_and_changes_nothing()
    {
        await using var world = await BureauBot.StartAsync();
        var reminder = await ReminderToOwnerAAsync(world, "K-01", "K-05");
        var before = await world.SnapshotAsync();

        var answer = await world.ReplyAsync(BureauBot.OwnerA, reminder, "60");

        Assert.Contains("K-01 60", answer.Text, StringComparison.Ordinal);
        Assert.Contains("K-05", answer.Text, StringComparison.Ordinal);
        Assert.Contains("K-01 50%", answer.ButtonLabels);
        Assert.Contains("K-05 ⚠️", answer.ButtonLabels);
        Assert.Equal(before, await world.SnapshotAsync());

        // Its buttons act on their task like the reminder's own: ✅ asks to close it (销号 is the supervisors').
        await world.PressAsync(BureauBot.OwnerA, answer, "K-05 ✅");
        Assert.Equal(PlanTaskStatus.CloseRequested, (await world.TaskAsync("K-05")).Status);
    }

    [Fact]
    public async Task A_reply_to_a_reminder_about_one_task_updates_it()
    {
        await using var world = await BureauBot.StartAsync();
        var reminder = await ReminderToOwnerAAsync(world, "K-01");

        var confirmation = await world.ReplyAsync(BureauBot.OwnerA, reminder, "60 已完成招标");

        Assert.Contains("<b>K-01</b>:进度 60%", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal(60, (await world.TaskAsync("K-01")).ProgressPercent);
    }
}
