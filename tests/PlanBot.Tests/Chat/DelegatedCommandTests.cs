using Microsoft.Extensions.DependencyInjection;
using Moq;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Tests.Chat;

/// <summary>/digest, /report and /remind hand over to the reports and scheduling features through their interfaces.</summary>
public sealed class DelegatedCommandTests
{
    [Fact]
    public async Task Digest_and_report_go_to_the_supervisor_reports_with_the_month()
    {
        var reports = new Mock<ISupervisorReports>();
        reports.Setup(r => r.DigestAsync(It.IsAny<Member>(), It.IsAny<InboundMessage>(), It.IsAny<PlanBotDbContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Member m, InboundMessage msg, PlanBotDbContext _, CancellationToken _) => new ChatResponse([new(msg.ChatId, "digest for " + m.Name)]));
        reports.Setup(r => r.ReportAsync(It.IsAny<Member>(), It.IsAny<InboundMessage>(), It.IsAny<YearMonth?>(), It.IsAny<PlanBotDbContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Member _, InboundMessage msg, YearMonth? month, PlanBotDbContext _, CancellationToken _) => new ChatResponse([new(msg.ChatId, "report " + month)]));
        await using var chat = await ChatHarness.CreateAsync(services: s => s.AddSingleton(reports.Object));

        Assert.Equal("digest for 分管副局长", (await chat.SendAsync(ChatHarness.Supervisor, "/digest")).Messages[0].Text);
        Assert.Equal("report 2024-05", (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-05")).Messages[0].Text);
        Assert.Equal("report ", (await chat.SendAsync(ChatHarness.Supervisor, "/report")).Messages[0].Text);
        Assert.Contains("仅限督查人员", (await chat.SendAsync(ChatHarness.OwnerA, "/digest")).Messages[0].Text, StringComparison.Ordinal);
        reports.Verify(r => r.DigestAsync(It.IsAny<Member>(), It.IsAny<InboundMessage>(), It.IsAny<PlanBotDbContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Remind_runs_the_scan_for_admins_and_reports_the_count()
    {
        var trigger = new Mock<IReminderTrigger>();
        trigger.Setup(t => t.RunNowAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new ReminderRun(35, 3));
        await using var chat = await ChatHarness.CreateAsync(services: s => s.AddSingleton(trigger.Object));

        Assert.Contains("已排队 35 项提醒,合并发给 3 人", (await chat.SendAsync(ChatHarness.Admin, "/remind")).Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("仅限管理员", (await chat.SendAsync(ChatHarness.Supervisor, "/remind")).Messages[0].Text, StringComparison.Ordinal);
        trigger.Verify(t => t.RunNowAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
