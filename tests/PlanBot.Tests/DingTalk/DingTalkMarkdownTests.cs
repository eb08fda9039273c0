using System.Collections;
using System.Globalization;
using System.Resources;
using PlanBot.DingTalk;
using PlanBot.Texts;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkMarkdownTests
{
    // "  \n": the hard break DingTalk needs between two lines (see DingTalkMarkdown's remarks).
    private const string Br = DingTalkMarkdown.HardBreak;

    public static TheoryData<string, string> Conversions => new()
    {
        // Tags used in TextSet.resx: <b> and <code>.
        { "<b>可用命令</b>", "**可用命令**" },
        { "✉️ 已为 <b>张三</b> 生成邀请码:<code>K7PQ2M</code>", "✉️ 已为 **张三** 生成邀请码:K7PQ2M" },
        { "📋 <b>督查简报</b> · 3月1日", "📋 **督查简报** · 3月1日" },
        // The rest of Telegram's subset.
        { "<i>斜体</i>", "*斜体*" },
        { "<strong>a</strong> <em>b</em>", "**a** *b*" },
        { "<a href=\"https://example.org/a?x=1&amp;y=2\">链接</a>", "[链接](https://example.org/a?x=1&y=2)" },
        { "<a href=\"https://example.org/(a) b\">x</a>", "[x](https://example.org/%28a%29%20b)" },
        { "<a href=\"https://example.org\"></a>", "[https://example.org](https://example.org)" },
        { "<a href=\"tg://user?id=42\">张三</a>", "张三" },
        { "<a>张三</a>", "张三" },
        { "<pre>line 1\n  line 2</pre>", "line 1" + Br + "\u00A0\u00A0line 2" },
        { "<u>u</u> <s>s</s> <tg-spoiler>p</tg-spoiler>", "u s p" },
        { "<blockquote>引用</blockquote>", "> 引用" },
        { "a<br>b<br/>c", "a" + Br + "b" + Br + "c" },
        // Nested tags.
        { "<b><i>x</i></b>", "***x***" },
        { "<b>粗<i>斜</i></b>", "**粗*斜***" },
        { "<a href=\"https://example.org\"><b>K-01</b></a>", "[**K-01**](https://example.org)" },
        { "<b>未闭合", "**未闭合**" },
        { "多余</b>的结束", "多余的结束" },
        // Spaces stay outside the marks; empty tags leave nothing; bold does not span lines.
        { "x<b> K-01 </b>y", "x **K-01** y" },
        { "x<b></b>y", "xy" },
        { "<b>a\nb</b>", "**a**" + Br + "**b**" },
        // Entities decoded; user text that markdown would read as markup is escaped.
        { "&lt;b&gt;不是标签&lt;/b&gt; &amp; &quot;引号&quot; &#39;", "\\<b>不是标签\\</b> & \"引号\" '" },
        { "2*3 #1", "2\\*3 #1" },
        { "#1 任务", "\\#1 任务" },
        { "<b>#1</b>", "**\\#1**" },
        { "snake_case `code` [备注] ~删~ a\\b", "snake\\_case \\`code\\` \\[备注\\] \\~删\\~ a\\\\b" },
        { "&gt; 引用\n- 列表\n+ 列表\n1. 第一\n2) 第二\n===", "\\> 引用" + Br + "\\- 列表" + Br + "\\+ 列表" + Br + "1\\. 第一" + Br + "2\\) 第二" + Br + "\\===" },
        { "2024年 1.5亿 a-b a>b", "2024年 1.5亿 a-b a>b" },
        { "AT&amp;T &amp;lt;", "AT&T \\&lt;" },
        { "    缩进", "\u00A0\u00A0\u00A0\u00A0缩进" },
        // Line breaks: hard break between lines, an empty line stays a paragraph gap.
        { "第一行\n第二行", "第一行" + Br + "第二行" },
        { "段一\n\n段二", "段一\n\n段二" },
        { "a\r\nb", "a" + Br + "b" },
        // Chinese and emoji untouched.
        { "🎉 欢迎,王五(发改局)!👨‍👩‍👧", "🎉 欢迎,王五(发改局)!👨‍👩‍👧" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void From_converts_telegram_html_to_dingtalk_markdown(string html, string markdown) =>
        Assert.Equal(markdown, DingTalkMarkdown.From(html));

    [Fact]
    public void A_user_title_shows_as_written_inside_a_real_text()
    {
        // A title typed by a user goes through TextSet.Format, which HTML-escapes it.
        var html = TextSet.Chinese.Format("card.title", "🔴", "K-01", "<*项目_A*> [二期] #1");

        Assert.Equal("🔴 **K-01 \\<\\*项目\\_A\\*> \\[二期\\] #1**", DingTalkMarkdown.From(html));
    }

    [Fact]
    public void Long_text_keeps_every_line()
    {
        var lines = Enumerable.Range(1, 500).Select(i => $"<b>K-{i:000}</b> 项目{i} · 进度 {i % 100}%").ToList();

        var markdown = DingTalkMarkdown.From(string.Join('\n', lines));

        var result = markdown.Split(Br);
        Assert.Equal(500, result.Length);
        Assert.Equal("**K-001** 项目1 · 进度 1%", result[0]);
        Assert.Equal("**K-500** 项目500 · 进度 0%", result[^1]);
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Every_text_in_the_catalogue_converts_without_tags_or_entities_left(string language)
    {
        var culture = language == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.InvariantCulture;
        var set = new ResourceManager("PlanBot.Texts.TextSet", typeof(TextSet).Assembly)
            .GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);

        var count = 0;
        foreach (DictionaryEntry entry in set)
        {
            var markdown = DingTalkMarkdown.From((string)entry.Value!);
            Assert.DoesNotMatch("<(/?)(b|i|code|a|pre)[ >]", markdown);
            Assert.DoesNotContain("&lt;", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;", markdown, StringComparison.Ordinal);
            count++;
        }
        Assert.True(count > 100, $"only {count} texts found");
    }

    public static TheoryData<string, string> Titles => new()
    {
        { "📋 <b>督查简报</b> · 3月1日\n正文", "📋 督查简报 · 3月1日" },
        { "\n  \n<b>可用命令</b>", "可用命令" },
        { "&lt;项目&gt; &amp; 标题", "<项目> & 标题" },
        { "一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九十" },
        { "一二三四五六七八九十一二三四五六七八九十一", "一二三四五六七八九十一二三四五六七八九…" },
        // An emoji is never cut in half.
        { "一二三四五六七八九十一二三四五六七八👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", "一二三四五六七八九十一二三四五六七八👨‍👩‍👧…" },
        { "", "PlanBot" },
        { "<b></b>", "PlanBot" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Title_is_the_first_line_as_plain_text_and_short(string html, string title) =>
        Assert.Equal(title, DingTalkMarkdown.Title(html));

    [Fact]
    public void Title_uses_the_fallback_when_there_is_no_text() =>
        Assert.Equal("三张清单", DingTalkMarkdown.Title(" ", fallback: "三张清单"));

    [Theory]
    [InlineData("manager4421", "@manager4421")]
    [InlineData(" 13800000000 ", "@13800000000")]
    [InlineData("user_01", "@user_01")]
    public void Mention_is_an_at_and_the_id_as_written(string id, string text) =>
        Assert.Equal(text, DingTalkMarkdown.Mention(id));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a b")]
    public void Mention_refuses_what_cannot_be_an_id(string id) =>
        Assert.ThrowsAny<ArgumentException>(() => DingTalkMarkdown.Mention(id));
}
