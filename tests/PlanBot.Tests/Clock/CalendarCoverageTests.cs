using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Tests.Cli;
using PlanBot.Tests.FakeBotApi;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Clock;

/// <summary>The holiday calendar (seeds/holidays-cn.json) knows 2024–2026; a year it does not know is said out loud.</summary>
public sealed class CalendarCoverageTests
{
    [Fact]
    public async Task A_verb_run_in_a_year_the_calendar_does_not_know_warns_on_stderr_and_still_works()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cli = new CliRunner(database);
        cli.Time.SetUtcNow(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero));

        var result = await cli.RunAsync("tasks", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("K-01", result.Out, StringComparison.Ordinal);
        var warning = Assert.Single(result.ErrorLines);
        Assert.StartsWith("warning: the holiday calendar", warning, StringComparison.Ordinal);
        Assert.Contains("2027", warning, StringComparison.Ordinal);
        Assert.Contains("docs/scheduling.md", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_moved_past_the_calendar_warns_and_a_covered_one_does_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cli = new CliRunner(database);

        var covered = await cli.RunAsync("tasks", "set-deadline", "K-01", "2025-06-30");
        Assert.Equal(0, covered.ExitCode);
        Assert.Empty(covered.ErrorLines);

        var beyond = await cli.RunAsync("tasks", "set-deadline", "K-01", "2028-06-30");
        Assert.Equal(0, beyond.ExitCode);
        var warning = Assert.Single(beyond.ErrorLines);
        Assert.Contains("has no official schedule for 2028 ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_warns_at_start_in_a_year_the_calendar_does_not_know()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await BotTestHost.StartAsync(api, o => o.Services = s => s.AddSingleton<TimeProvider>(time));

        var warning = Assert.Single(bot.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("holiday calendar", StringComparison.Ordinal));
        Assert.Contains("2027", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_says_nothing_about_the_calendar_in_a_year_it_knows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApiServer.StartAsync();
        await using var bot = await BotTestHost.StartAsync(api, o => o.Services = s => s.AddSingleton<TimeProvider>(time));

        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("holiday calendar", StringComparison.Ordinal));
    }
}
