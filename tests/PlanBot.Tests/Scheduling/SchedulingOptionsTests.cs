using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Scheduling;

namespace PlanBot.Tests.Scheduling;

public sealed class SchedulingOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_schedule()
    {
        var options = Resolve([]);

        Assert.Equal("0 0 9 ? * *", options.Reminders.Cron);
        Assert.Equal([7, 3, 1, 0], options.Reminders.DaysBefore);
        Assert.Equal([3, 7], options.Reminders.EscalateAfterDaysOverdue);
        Assert.Equal((14, true, true), (options.Reminders.StaleDays, options.Reminders.OverdueEveryWorkingDay, options.Reminders.WorkingDaysOnly));
        Assert.Equal(("0 30 8 ? * MON", 14), (options.Digest.Cron, options.Digest.DueSoonDays));
        Assert.Equal("0 0 9 ? * *", options.Report.Cron);
    }

    [Fact]
    public void A_configured_list_replaces_the_default_list()
    {
        var options = Resolve(new()
        {
            ["PlanBot:Reminders:DaysBefore:0"] = "5",
            ["PlanBot:Reminders:DaysBefore:1"] = "1",
            ["PlanBot:Reminders:EscalateAfterDaysOverdue:0"] = "10",
        });

        Assert.Equal([5, 1], options.Reminders.DaysBefore);
        Assert.Equal([10], options.Reminders.EscalateAfterDaysOverdue);
    }

    [Theory]
    [InlineData("PlanBot:Reminders:Cron", "every morning", "PlanBot:Reminders:Cron 'every morning'")]
    [InlineData("PlanBot:Digest:Cron", "0 30 25 ? * MON", "PlanBot:Digest:Cron '0 30 25 ? * MON'")]
    [InlineData("PlanBot:Report:Cron", "0 0 9 ? * FUNDAY", "PlanBot:Report:Cron '0 0 9 ? * FUNDAY'")]
    [InlineData("PlanBot:Reminders:StaleDays", "0", "PlanBot:Reminders:StaleDays")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 9 ? * *", true)]
    [InlineData("0 30 8 ? * MON", false)]
    [InlineData("0 0 9 ? * MON-FRI", false)]
    public void Knows_whether_a_cron_fires_every_day(string cron, bool everyDay) =>
        Assert.Equal(everyDay, JobTiming.FiresEveryDay(cron));

    private static (ReminderOptions Reminders, DigestOptions Digest, ReportOptions Report) Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddPlanClock().AddPlanRules().AddReports().AddScheduling(configuration, RunMode.Console);
        using var provider = services.BuildServiceProvider();
        return (
            provider.GetRequiredService<IOptions<ReminderOptions>>().Value,
            provider.GetRequiredService<IOptions<DigestOptions>>().Value,
            provider.GetRequiredService<IOptions<ReportOptions>>().Value);
    }
}
