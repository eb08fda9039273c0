using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Chat;

/// <summary>/feedback (意见建议): kept, sent to the admins, listed on the CLI.</summary>
public sealed class FeedbackTests
{
    [Fact]
    public async Task Feedback_is_kept_and_sent_to_the_admins_in_their_language()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerA, "/feedback 希望月报增加分管领导一栏");

        var thanks = Assert.Single(response.Messages, m => m.ChatId == ChatHarness.OwnerA);
        Assert.Equal("已收到您的意见建议,已转给 1 位管理员。谢谢!", thanks.Text);
        var toAdmin = Assert.Single(response.Messages, m => m.ChatId == ChatHarness.Admin);
        Assert.Equal("💬 <b>意见建议</b> · 投资科负责人(区发改局)\n希望月报增加分管领导一栏", toAdmin.Text);
        await using var db = chat.Db();
        var kept = Assert.Single(await db.Feedback.Include(f => f.Member).ToListAsync());
        Assert.Equal(("投资科负责人", "希望月报增加分管领导一栏", chat.Time.GetUtcNow().UtcDateTime), (kept.Member!.Name, kept.Text, kept.CreatedAtUtc));
    }

    [Theory]
    [InlineData("/feedback", "请填写意见或建议。")]
    [InlineData("/feedback   ", "请填写意见或建议。")]
    public async Task Empty_feedback_is_asked_for_and_nothing_is_kept(string text, string answer)
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerB, text);

        Assert.StartsWith(answer, Assert.Single(response.Messages).Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Empty(await db.Feedback.ToListAsync());
    }

    [Fact]
    public async Task Feedback_longer_than_a_message_is_refused_and_nothing_is_kept()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var response = await chat.SendAsync(ChatHarness.OwnerB, "/feedback " + new string('长', 1001));

        Assert.Equal("意见建议最多 1000 字(您写了 1001 字),请缩短后重发。", Assert.Single(response.Messages).Text);
        await using var db = chat.Db();
        Assert.Empty(await db.Feedback.ToListAsync());
    }

    [Fact]
    public async Task Admins_list_the_feedback_on_the_CLI_newest_first()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cli = new Cli.CliRunner(database);
        cli.Time.SetUtcNow(new DateTimeOffset(2024, 6, 17, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await cli.RunAsync("members", "list")).ExitCode); // seeds the roster
        await using (var db = database.CreateContext())
        {
            var member = await db.Members.OrderBy(m => m.Id).FirstAsync();
            db.Feedback.AddRange(
                new Feedback { MemberId = member.Id, Text = "早一点", CreatedAtUtc = new DateTime(2024, 6, 14, 1, 0, 0, DateTimeKind.Utc) },
                new Feedback { MemberId = member.Id, Text = "晚一点", CreatedAtUtc = new DateTime(2024, 6, 17, 1, 30, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        }

        var result = await cli.RunAsync("feedback", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2024-06-17 09:30", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("晚一点", lines[1].TrimEnd(), StringComparison.Ordinal);
        Assert.StartsWith("2024-06-14 09:00", lines[2], StringComparison.Ordinal);
    }
}
