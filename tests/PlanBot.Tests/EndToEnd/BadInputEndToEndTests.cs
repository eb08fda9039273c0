namespace PlanBot.Tests.EndToEnd;

/// <summary>Issue 3's bad-input list through the running bot: a clear answer in the member's language, nothing changed.</summary>
public sealed class BadInputEndToEndTests
{
    private static readonly (string Input, string Expected)[] Chinese =
    [
        ("/frobnicate", "没有 /frobnicate 这个命令"),
        ("/task K-99", "没有编号为 K-99 的任务"),
        ("/progress K-99 50", "没有编号为 K-99 的任务"),
        ("/progress K-01 150", "百分比须在 0–100 之间(您写的是 150)"),
        ("/extend K-01 2025/03/31 审批延后", "不是有效日期,请按 YYYY-MM-DD 格式"),
        ("/pause 7月1日", "不是有效日期"),
        ("/progress K-01 50 " + new string('长', 5000), "备注最多"),
    ];

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_in_Chinese_and_changes_nothing()
    {
        await using var world = await BureauBot.StartAsync();
        var before = await world.SnapshotAsync();

        foreach (var (input, expected) in Chinese)
        {
            var answer = await world.SayAsync(BureauBot.OwnerA, input);
            Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Empty(await world.HistoryAsync("K-01"));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_in_English_after_lang_en_and_changes_nothing()
    {
        await using var world = await BureauBot.StartAsync();
        await world.SayAsync(BureauBot.OwnerB, "/lang en");
        var before = await world.SnapshotAsync();

        (string Input, string Expected)[] cases =
        [
            ("/frobnicate", "There is no /frobnicate command"),
            ("/task K-99", "There is no task K-99"),
            ("/progress H-01 150", "A percent must be between 0 and 100 (you wrote 150)"),
            ("/extend H-01 31.12.2024 late", "is not a date; use YYYY-MM-DD"),
            ("/done H-01 " + new string('x', 5000), "Notes are limited to"),
        ];
        foreach (var (input, expected) in cases)
        {
            var answer = await world.SayAsync(BureauBot.OwnerB, input);
            Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Empty(await world.HistoryAsync("H-01"));
    }
}
