using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Texts;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Chat;

public sealed partial class ChatTextsTests
{
    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Repo.File("src", "PlanBot", "Texts", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Chinese_and_English_have_the_same_keys_and_placeholders()
    {
        var zh = Load("ChatTexts.resx");
        var en = Load("ChatTexts.en.resx");

        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        foreach (var (key, text) in zh)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"placeholders of {key} differ");
        }
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
                var t = ChatTexts.For(language);
                Assert.Equal(-1, t["usage." + command.Name].IndexOfAny(['<', '>', '&']));
                Assert.NotEmpty(command.Describe(language));
            }
        }
    }

    [Fact]
    public void Arguments_are_escaped_unless_marked_as_html()
    {
        var t = ChatTexts.For("zh");

        Assert.Equal("📝 已记录 <b>&lt;K&gt; &amp;1</b> 的备注", t.Format("recorded.note", "<K> &1"));
        Assert.Equal("备注:<i>ok</i>", t.Format("recorded.withNote", new RawHtml("<i>ok</i>")));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
