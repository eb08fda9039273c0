using PlanBot.Chat.Progress;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

public sealed class ProgressTextTests
{
    private static readonly PlanTask Plain = new() { Code = "K-01", Title = "挖掘房地产潜力" };
    private static readonly PlanTask Talent = new() { Code = "K-05", Title = "技能人才", TargetValue = 10000, TargetUnit = "名" };
    private static readonly PlanTask Projects = new() { Code = "K-06", Title = "项目", TargetValue = 16, TargetUnit = "个" };

    [Theory]
    [InlineData("60 已完成招标", 60, "已完成招标")]
    [InlineData("60", 60, null)]
    [InlineData("60%", 60, null)]
    [InlineData("60％ 已完成招标", 60, "已完成招标")]
    [InlineData("60%已完成招标", 60, "已完成招标")]
    [InlineData("60,已完成招标", 60, "已完成招标")]
    [InlineData("  0  ", 0, null)]
    [InlineData("100", 100, null)]
    [InlineData("33.5", 34, null)]
    public void Reply_number_is_a_percent_with_optional_note(string text, int percent, string? note)
    {
        var parsed = ProgressText.ParseReply(text, Plain);

        Assert.Equal(new ProgressInput(ProgressKind.Percent, percent, null, note), parsed.Input);
    }

    [Theory]
    [InlineData("5200名", 5200, 52, null)]
    [InlineData("5200 名 本月新增培训", 5200, 52, "本月新增培训")]
    [InlineData("12000名", 12000, 100, null)]
    [InlineData("1名", 1, 0, null)]
    public void Reply_number_with_the_target_unit_is_a_value_toward_the_target(string text, decimal value, int percent, string? note)
    {
        var parsed = ProgressText.ParseReply(text, Talent);

        Assert.Equal(new ProgressInput(ProgressKind.Value, percent, value, note), parsed.Input);
    }

    [Fact]
    public void Unit_with_a_space_counts_too()
    {
        Assert.Equal(new ProgressInput(ProgressKind.Value, 75, 12m), ProgressText.ParseReply("12 个", Projects).Input);
    }

    [Theory]
    [InlineData("完成")]
    [InlineData("已完成")]
    [InlineData("done")]
    [InlineData("Done.")]
    [InlineData("完成。")]
    public void Done_words_alone_mark_done(string text)
    {
        Assert.Equal(ProgressKind.Done, ProgressText.ParseReply(text, Plain).Input?.Kind);
    }

    [Theory]
    [InlineData("已完成招标,下周开标")]
    [InlineData("2024年底前完成")]
    [InlineData("完成了一半")]
    [InlineData("招标文件已报审")]
    public void Other_text_is_a_note(string text)
    {
        Assert.Equal(new ProgressInput(ProgressKind.Note, Note: text), ProgressText.ParseReply(text, Plain).Input);
    }

    [Theory]
    [InlineData("150", "error.percentRange")]
    [InlineData("150%", "error.percentRange")]
    [InlineData("-5", "error.negative")]
    [InlineData("-5 名", "error.negative")]
    public void Out_of_range_numbers_are_refused(string text, string error)
    {
        var parsed = ProgressText.ParseReply(text, Plain);

        Assert.Null(parsed.Input);
        Assert.Equal(error, parsed.ErrorKey);
    }

    [Fact]
    public void A_bare_number_on_a_target_task_is_a_value_in_a_reply_as_in_a_command()
    {
        Assert.Equal(new ProgressInput(ProgressKind.Value, 52, 5200m), ProgressText.ParseReply("5200", Talent).Input);
        Assert.Equal(ProgressText.ParseCommand("5200 已新增", Talent).Input, ProgressText.ParseReply("5200 已新增", Talent).Input);
    }

    [Fact]
    public void A_percent_over_100_on_a_target_task_suggests_the_unit()
    {
        var parsed = ProgressText.ParseReply("5200%", Talent);

        Assert.Equal("error.percentRangeWithTarget", parsed.ErrorKey);
        Assert.Equal(["5200", "名"], parsed.ErrorArgs);
    }

    [Theory]
    [InlineData("48.56亿元", 48.56, 49)]
    [InlineData("48.56 亿元 已拨付", 48.56, 49)]
    [InlineData("９９．５亿元", 99.5, 99)]
    [InlineData("100亿元", 100, 100)]
    public void A_decimal_value_with_a_chinese_unit_counts_toward_the_target(string text, decimal value, int percent)
    {
        var funds = new PlanTask { Code = "K-09", Title = "资金", TargetValue = 100, TargetUnit = "亿元" };

        var parsed = ProgressText.ParseCommand(text, funds);

        Assert.Equal((ProgressKind.Value, value, percent), (parsed.Input!.Kind, parsed.Input.Value!.Value, parsed.Input.Percent));
    }

    [Fact]
    public void Another_unit_than_the_targets_is_refused()
    {
        Assert.Equal("error.unitMismatch", ProgressText.ParseReply("3000人", Talent).ErrorKey);
        Assert.Equal("error.noTarget", ProgressText.ParseReply("3000名", Plain).ErrorKey);
    }

    [Theory]
    [InlineData("60，已完成招标", 60, "已完成招标")]
    [InlineData("45.5", 46, null)]
    [InlineData("99.5", 99, null)]
    [InlineData("99.99%", 99, null)]
    public void Separators_and_rounding(string text, int percent, string? note)
    {
        Assert.Equal(new ProgressInput(ProgressKind.Percent, percent, null, note), ProgressText.ParseReply(text, Plain).Input);
    }

    [Fact]
    public void Notes_over_the_limit_are_refused_with_the_limit()
    {
        var parsed = ProgressText.ParseReply("60 " + new string('很', 1001), Plain);

        Assert.Equal("error.noteTooLong", parsed.ErrorKey);
        Assert.Equal(1000, parsed.ErrorArgs[0]);
    }

    [Fact]
    public void A_long_plain_note_is_refused_too()
    {
        Assert.Equal("error.noteTooLong", ProgressText.ParseReply(new string('字', 5000), Plain).ErrorKey);
    }

    [Theory]
    [InlineData("5200", ProgressKind.Value, 52)]
    [InlineData("5200名", ProgressKind.Value, 52)]
    [InlineData("60%", ProgressKind.Percent, 60)]
    public void Command_takes_a_bare_number_as_a_value_when_the_task_has_a_target(string text, ProgressKind kind, int percent)
    {
        var parsed = ProgressText.ParseCommand(text, Talent);

        Assert.Equal(kind, parsed.Input?.Kind);
        Assert.Equal(percent, parsed.Input?.Percent);
    }

    [Theory]
    [InlineData("", "error.progressMissing")]
    [InlineData("招标", "error.progressNumber")]
    [InlineData("150", "error.percentRange")]
    public void Command_needs_a_number(string text, string error)
    {
        Assert.Equal(error, ProgressText.ParseCommand(text, Plain).ErrorKey);
    }

    [Theory]
    [InlineData("60已完成招标")]
    [InlineData("2024年底前完成")]
    [InlineData("60abc")]
    public void Command_with_a_number_glued_to_text_is_refused(string text)
    {
        var parsed = ProgressText.ParseCommand(text, Plain);

        Assert.Equal("error.numberGlued", parsed.ErrorKey);
        Assert.Equal(text, parsed.ErrorArgs[0]);
    }
}
