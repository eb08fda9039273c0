using Microsoft.EntityFrameworkCore;
using PlanBot.Scheduling;
using PlanBot.Tests.Chat;
using PlanBot.Tests.Reports;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Scheduling;

/// <summary>/remind through the real chat router, running the real reminder scan.</summary>
public sealed class ReminderTriggerTests
{
    [Fact]
    public async Task Remind_queues_todays_reminders_once_with_the_task_and_its_buttons_and_reports_the_count()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var first = Assert.Single((await chat.SendAsync(ChatHarness.Admin, "/remind")).Messages).Text;
        var second = Assert.Single((await chat.SendAsync(ChatHarness.Admin, "/remind")).Messages).Text;

        // D-01 (owner B) has been overdue since May 31: B is reminded, and the supervisor told (9 working days, level 7).
        // Two reminders in two messages (one per person), as the outbox holds them.
        Assert.Contains("已排队 2 项提醒,合并发给 2 人", first, StringComparison.Ordinal);
        Assert.Contains("今天该发的提醒都已发过", second, StringComparison.Ordinal);
        var d01 = await chat.TaskAsync("D-01");
        await using var db = chat.Db();
        var ownerB = await db.Members.SingleAsync(m => m.Contacts.Any(c => c.UserId == ChatAddress.Telegram(ChatHarness.OwnerB)));
        // The scan's light watch first found D-01 red and issued its 督办单, then the reminder went out.
        var toOwner = await db.Outbox.Where(o => o.ChatId == ChatHarness.OwnerB).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(2, toOwner.Count);
        Assert.StartsWith("🔴 <b>督办单</b> 督办〔2024〕第1号\n任务:D-01", toOwner[0].Text, StringComparison.Ordinal);
        var reminder = toOwner[1];
        Assert.Equal((d01.Id, ownerB.Id), (reminder.TaskId, reminder.RecipientMemberId));
        Assert.Contains("D-01", reminder.Text, StringComparison.Ordinal);
        var buttons = reminder.Buttons().SelectMany(r => r).ToList();
        Assert.Equal(["25%", "50%", "75%", "✅ 完成", "⚠️ 遇到困难", "⏰ 申请延期"], buttons.Select(b => b.Label));
        var escalation = await db.Outbox.SingleAsync(o => o.ChatId == ChatHarness.Supervisor);
        Assert.Contains("D-01", escalation.Text, StringComparison.Ordinal);
        Assert.Equal(2, await db.SentReminders.CountAsync());
        Assert.Equal(["D-01"], await db.SentReminders.Select(r => r.TaskId).Distinct().Select(id => db.Tasks.Single(t => t.Id == id).Code).ToListAsync());
        Assert.Contains(ReminderKind.Escalation, await db.SentReminders.Select(r => r.Kind).ToListAsync());
    }
}
