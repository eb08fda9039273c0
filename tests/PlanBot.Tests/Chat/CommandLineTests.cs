using PlanBot.Chat;
using PlanBot.Chat.Buttons;

namespace PlanBot.Tests.Chat;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("/progress K-01 60 已完成招标", "progress", null, "K-01 60 已完成招标")]
    [InlineData("/Progress@PlanBot K-01", "progress", "PlanBot", "K-01")]
    [InlineData("  /help  ", "help", null, "")]
    [InlineData("/blocked K-01\n土地未落实", "blocked", null, "K-01\n土地未落实")]
    public void Commands_are_split_into_name_bot_and_arguments(string text, string name, string? bot, string arguments)
    {
        Assert.Equal(new CommandLine(name, bot, arguments), CommandLine.TryParse(text));
    }

    [Theory]
    [InlineData("60 已完成")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_that_is_not_a_command_is_null(string? text)
    {
        Assert.Null(CommandLine.TryParse(text));
    }

    [Theory]
    [InlineData("p:12:50", CallbackVerb.Percent)]
    [InlineData("d:12", CallbackVerb.Done)]
    [InlineData("b:12", CallbackVerb.Blocked)]
    [InlineData("e:12", CallbackVerb.Extend)]
    [InlineData("xa:12:20250331", CallbackVerb.Approve)]
    [InlineData("xr:12:20250331", CallbackVerb.Refuse)]
    public void Callback_payloads_round_trip(string payload, CallbackVerb verb)
    {
        var action = CallbackAction.Parse(payload);

        Assert.Equal(verb, action?.Verb);
        Assert.Equal(payload, action!.ToPayload());
    }

    [Theory]
    [InlineData("p:12:150")]
    [InlineData("p:12")]
    [InlineData("p:-1:50")]
    [InlineData("xa:12:2025-03-31")]
    [InlineData("z:12")]
    public void Malformed_payloads_are_rejected(string payload)
    {
        Assert.Null(CallbackAction.Parse(payload));
    }
}
