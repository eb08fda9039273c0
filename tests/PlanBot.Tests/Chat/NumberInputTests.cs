using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Chat;

/// <summary>Numbers as owners type them (issue 10, item 5), through the router: command, reply and button.</summary>
public sealed class NumberInputTests
{
    private static string Text(ChatResponse response) => response.Messages[0].Text;

    private static async Task<long> CardMessageIdAsync(ChatHarness chat, string code)
    {
        await chat.SendAsync(ChatHarness.OwnerA, "/task " + code);
        return await chat.DeliverLatestAsync(ChatHarness.OwnerA);
    }

    [Theory]
    [InlineData("/progress K-05 3,000", 3000)]
    [InlineData("/progress K-05 ３０００", 3000)]
    [InlineData("/progress K-05 ３，０００名", 3000)]
    [InlineData("/progress K-05 3000名", 3000)]
    [InlineData("/progress K-05 ＋3000 名", 3000)]
    public async Task Thousands_separators_full_width_digits_and_the_unit_are_read_as_one_value(string command, int value)
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, command));

        Assert.Contains($"{value}/10000 名", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("备注", answer, StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-05");
        Assert.Equal((value * 100 / 10000, (decimal)value), (task.ProgressPercent, task.CurrentValue!.Value));
        Assert.Null(Assert.Single(await chat.HistoryAsync("K-05")).Note);
    }

    [Fact]
    public async Task A_full_width_percent_is_a_percent()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("进度 60%", Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 ６０％")), StringComparison.Ordinal);
        Assert.Equal(60, (await chat.TaskAsync("K-01")).ProgressPercent);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("60abc")]
    [InlineData("60%abc")]
    [InlineData("1.2.3")]
    public async Task A_number_glued_to_letters_is_refused_and_changes_nothing(string typed)
    {
        await using var chat = await ChatHarness.CreateAsync();
        var before = await chat.SnapshotAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 " + typed));

        Assert.Contains(typed, answer, StringComparison.Ordinal);
        Assert.Contains("用法:/progress", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("已记录", answer, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task A_reply_glued_to_latin_letters_is_refused_too()
    {
        await using var chat = await ChatHarness.CreateAsync();
        var card = await CardMessageIdAsync(chat, "K-01");
        var before = await chat.SnapshotAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "60abc", replyTo: card));

        Assert.Contains("60abc", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("已记录", answer, StringComparison.Ordinal);
        Assert.Equal(before, await chat.SnapshotAsync());
    }

    [Fact]
    public async Task A_rounded_percent_says_what_was_recorded()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 45.5"));

        Assert.Contains("进度 46%", answer, StringComparison.Ordinal);
        Assert.Contains("您填写的是 45.5%,按整数记录为 46%", answer, StringComparison.Ordinal);
        Assert.Equal(46, (await chat.TaskAsync("K-01")).ProgressPercent);
    }

    [Fact]
    public async Task A_rounded_percent_says_so_in_english_too()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/lang en");

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 45.5"));

        Assert.Contains("you wrote 45.5 %; 46 % was recorded", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ninety_nine_and_a_half_is_99_while_the_task_is_open_and_says_so()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var answer = Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 99.5"));

        Assert.Contains("进度 99%", answer, StringComparison.Ordinal);
        Assert.Contains("99.5", answer, StringComparison.Ordinal);
        Assert.Contains("/done", answer, StringComparison.Ordinal);
        var task = await chat.TaskAsync("K-01");
        Assert.Equal((99, PlanTaskStatus.Open), (task.ProgressPercent, task.Status));
    }

    [Fact]
    public async Task A_value_just_short_of_the_target_is_not_100_percent()
    {
        await using var chat = await ChatHarness.CreateAsync();

        Assert.Contains("9999/10000 名,进度 99%", Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 9999")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_and_a_reply_read_the_same_text_the_same_way()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var command = Text(await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 2600 已新增培训"));
        var card = await CardMessageIdAsync(chat, "K-05");
        var reply = Text(await chat.SendAsync(ChatHarness.OwnerA, "5200 已新增培训", replyTo: card));

        Assert.Contains("2600/10000 名,进度 26%", command, StringComparison.Ordinal);
        Assert.Contains("5200/10000 名,进度 52%", reply, StringComparison.Ordinal);
        Assert.Equal([(2600m, "已新增培训"), (5200m, "已新增培训")], (await chat.HistoryAsync("K-05")).Select(h => (h.Value!.Value, h.Note!)));
    }

    [Fact]
    public async Task A_percent_button_on_a_task_with_a_target_moves_the_value_with_it()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-05 2600");
        var buttons = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/task K-05")).Messages).Buttons.SelectMany(row => row);
        var fifty = buttons.Single(b => b.Label == "50%");

        await chat.PressAsync(ChatHarness.OwnerA, fifty.Data);

        var task = await chat.TaskAsync("K-05");
        Assert.Equal((50, 5000m), (task.ProgressPercent, task.CurrentValue!.Value));
        Assert.Equal(5000m, (await chat.HistoryAsync("K-05")).Last().Value);
    }
}
