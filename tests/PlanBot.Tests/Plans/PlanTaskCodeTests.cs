using PlanBot.Plans;

namespace PlanBot.Tests.Plans;

public sealed class PlanTaskCodeTests
{
    [Theory]
    [InlineData("K-01", "K-01")]
    [InlineData("k1", "K-01")]
    [InlineData("h03", "H-03")]
    [InlineData(" d-12 ", "D-12")]
    [InlineData("X-01", "X-01")]
    public void Codes_typed_loosely_are_normalised(string typed, string expected) =>
        Assert.Equal(expected, PlanTask.NormaliseCode(typed));

    [Theory]
    [InlineData("重点", WorkList.Key)]
    [InlineData("key", WorkList.Key)]
    [InlineData("亮点工作", WorkList.Highlight)]
    [InlineData("Difficulty", WorkList.Difficulty)]
    [InlineData("难点", WorkList.Difficulty)]
    public void List_names_are_understood_in_both_languages(string text, WorkList expected)
    {
        Assert.True(WorkLists.TryParse(text, out var list));
        Assert.Equal(expected, list);
    }

    [Fact]
    public void Unknown_list_name_is_refused() => Assert.False(WorkLists.TryParse("urgent", out _));
}
