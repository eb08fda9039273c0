using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Texts;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Chat;

public sealed partial class TextSetTests
{
    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Repo.File("src", "PlanBot", "Texts", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Chinese_and_English_have_the_same_keys_and_placeholders()
    {
        var zh = Load("TextSet.resx");
        var en = Load("TextSet.en.resx");

        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        foreach (var (key, text) in zh)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"placeholders of {key} differ");
        }
    }

    [Fact]
    public void Chinese_texts_use_one_word_for_each_thing()
    {
        var zh = Load("TextSet.resx");

        // A task's code is 编号 everywhere; a missing input is asked for with 请填写; the digest has one name.
        Assert.Empty(zh.Where(t => t.Value.Contains("代码", StringComparison.Ordinal)).Select(t => t.Key));
        Assert.Empty(zh.Where(t => t.Value.Contains("写上", StringComparison.Ordinal)).Select(t => t.Key));
        Assert.Empty(zh.Where(t => t.Value.Contains("周报", StringComparison.Ordinal)).Select(t => t.Key));
        Assert.Contains("督查简报", zh["help.digest"], StringComparison.Ordinal);
        Assert.Contains("督查简报", zh["digest.header"], StringComparison.Ordinal);
        // Lateness has two names, never a bare "逾期 N 天" (docs/lights.md).
        Assert.Empty(zh.Where(t => t.Value.Contains("逾期 {0} 天", StringComparison.Ordinal)).Select(t => t.Key));
    }

    [Fact]
    public async Task Every_command_has_usage_and_help_in_both_languages_and_usage_is_html_safe()
    {
        await using var chat = await ChatHarness.CreateAsync();
        using var scope = chat.Services.CreateScope();

        foreach (var command in scope.ServiceProvider.GetServices<IChatCommand>())
        {
            foreach (var language in new[] { "zh", "en" })
            {
                var t = TextSet.For(language);
                Assert.Equal(-1, t["usage." + command.Name].IndexOfAny(['<', '>', '&']));
                Assert.NotEmpty(command.Describe(language));
            }
        }
    }

    [Fact]
    public void Arguments_are_escaped_unless_marked_as_html()
    {
        var t = TextSet.For("zh");

        Assert.Equal("📝 已记录 <b>&lt;K&gt; &amp;1</b> 的备注", t.Format("recorded.note", "<K> &1"));
        Assert.Equal("备注:<i>ok</i>", t.Format("recorded.withNote", new RawHtml("<i>ok</i>")));
    }

    [Fact]
    public void Dates_and_month_names_are_written_in_the_members_language()
    {
        var zh = TextSet.For("zh");
        var en = TextSet.For("en");
        var day = new DateOnly(2024, 10, 8);

        Assert.Equal("10月8日", zh.ShortDate(day, 2024));
        Assert.Equal("2025年1月3日", zh.ShortDate(new DateOnly(2025, 1, 3), 2024));
        Assert.Equal("Oct 8", en.ShortDate(day, 2024));
        Assert.Equal("Jan 3, 2025", en.ShortDate(new DateOnly(2025, 1, 3), 2024));
        Assert.Equal("2024年10月", zh.MonthName(day));
        Assert.Equal("October 2024", en.MonthName(day));
    }

    [Fact]
    public void Reminder_report_and_digest_texts_come_from_the_same_catalogue_and_escape_their_arguments()
    {
        var zh = TextSet.For("zh");
        var en = TextSet.For("en");

        Assert.Equal("🔴 <b>K-01</b> a &lt;b&gt; &amp; c", zh.Format("line.taskShort", "🔴", "K-01", "a <b> & c"));
        Assert.Equal("逾期 3 个工作日 · &lt;张三&gt;", zh.Format("digest.taskRed", new RawHtml(zh.Lateness(new LightResult(Light.Red, LightReason.DeadlinePassed, new DateOnly(2024, 6, 14), 3))), "<张三>"));
        Assert.Equal("<b>A&amp;B</b> (2)", en.Format("report.unit", "A&B", 2));
        Assert.Equal("红灯", zh.LightName(Light.Red));
        Assert.Equal("At risk", en.LightName(Light.AtRisk));
        Assert.Equal("张三、李四", zh.JoinNames(["张三", "李四"]));
        Assert.Equal("Zhang, Li", en.JoinNames(["Zhang", "Li"]));
    }

    [Fact]
    public void Lateness_is_said_one_way_named_for_what_it_is_in_working_days()
    {
        var zh = TextSet.Chinese;
        var en = TextSet.English;
        var overdue = new LightResult(Light.Red, LightReason.DeadlinePassed, new DateOnly(2024, 6, 14), 2);
        var behind = new LightResult(
            Light.Red, LightReason.MilestoneMissed, new DateOnly(2024, 3, 29), 55, new MilestoneInput(new DateOnly(2024, 3, 29), 25, "研究<新政>"));

        Assert.Equal("逾期 2 个工作日(截止 6月14日)", zh.LightText(overdue, 2024));
        Assert.Equal("节点滞后 55 个工作日(节点 3月29日「研究&lt;新政&gt;」应达 25%)", zh.LightText(behind, 2024));
        Assert.Equal("逾期不满 1 个工作日", zh.Lateness(overdue with { WorkingDaysLate = 0 }));
        Assert.Equal("2 working day(s) overdue (due Jun 14)", en.LightText(overdue, 2024));
        Assert.Equal("遇到困难", zh.LightText(new LightResult(Light.AtRisk, LightReason.Blocked), 2024));
    }

    [Fact]
    public void A_language_nobody_speaks_falls_back_to_Chinese()
    {
        Assert.Same(TextSet.Chinese, TextSet.For("fr"));
        Assert.Same(TextSet.Chinese, TextSet.For(null));
        Assert.Same(TextSet.English, TextSet.ForStranger("en-GB"));
        Assert.Same(TextSet.Chinese, TextSet.ForStranger("de"));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
