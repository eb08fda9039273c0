using System.Text.RegularExpressions;
using PlanBot.Outbox;

namespace PlanBot.Tests.Outbox;

public sealed partial class MessageSplitterTests
{
    [Fact]
    public void Text_within_the_limit_is_one_part_unchanged()
    {
        var text = "<b>K-01</b> 🟢\n" + new string('字', 4000);

        Assert.Equal([text], MessageSplitter.Split(text));
    }

    [Fact]
    public void Long_text_is_cut_at_line_ends_and_loses_nothing()
    {
        var lines = Enumerable.Range(1, 120).Select(i => $"第 {i} 行：{new string('进', 60)}").ToList();
        var text = string.Join('\n', lines);

        var parts = MessageSplitter.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, MessageSplitter.TextLimit));
        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("\n", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Formatting_open_across_a_cut_is_closed_and_reopened()
    {
        var text = "<b>逾期清单\n" + string.Join('\n', Enumerable.Range(1, 80).Select(i => $"<i>K-{i:00}</i> {new string('x', 80)}")) + "</b>";

        var parts = MessageSplitter.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p =>
        {
            Assert.InRange(p.Length, 1, MessageSplitter.TextLimit);
            Assert.StartsWith("<b>", p, StringComparison.Ordinal);
            Assert.EndsWith("</b>", p, StringComparison.Ordinal);
            Assert.Equal(Count(p, "<b>"), Count(p, "</b>"));
            Assert.Equal(Count(p, "<i>"), Count(p, "</i>"));
        });
    }

    [Fact]
    public void Single_overlong_line_is_never_cut_inside_a_tag_an_entity_or_a_character_pair()
    {
        var piece = "<a href=\"https://t.me/planbot?start=abc\">邀请</a> &amp; 😀 ";
        var text = string.Concat(Enumerable.Repeat(piece, 200));

        var parts = MessageSplitter.Split(text, 1000);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p =>
        {
            Assert.InRange(p.Length, 1, 1000);
            Assert.False(char.IsHighSurrogate(p[^1]));
            Assert.False(char.IsLowSurrogate(p[0]));
            Assert.DoesNotMatch(BrokenEntity(), p);
            Assert.Equal(Count(p, "<a "), Count(p, "</a>"));
            Assert.Equal(p.Count(c => c == '<'), p.Count(c => c == '>'));
        });
    }

    [Fact]
    public void Trim_keeps_a_well_formed_head()
    {
        var trimmed = MessageSplitter.Trim("<b>" + new string('长', 3000) + "</b>", 1024);

        Assert.InRange(trimmed.Length, 1, 1024);
        Assert.EndsWith("</b>", trimmed, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_text_parts_carry_buttons_only_on_the_last()
    {
        var row = OutboxMessage.From(new OutgoingMessage(1, string.Join('\n', Enumerable.Range(0, 100).Select(i => new string('a', 99))))
        {
            Buttons = [[new Button("ok", "ok")]],
            TaskId = 3,
        }, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var parts = OutboxParts.For(row);

        Assert.Equal(3, parts.Count);
        Assert.All(parts.SkipLast(1), p => Assert.Null(p.ButtonsJson));
        Assert.Equal(row.ButtonsJson, parts[^1].ButtonsJson);
        Assert.All(parts, p => Assert.Equal(3, p.TaskId));
    }

    [Fact]
    public void Long_button_toast_is_trimmed_to_what_telegram_shows()
    {
        var row = OutboxMessage.CallbackAnswer(1, "q", new string('好', 300), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var part = Assert.Single(OutboxParts.For(row));

        Assert.Equal(OutboxParts.CallbackAnswerLimit, part.Text.Length);
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("&[a-z#0-9]*$")]
    private static partial Regex BrokenEntity();
}
