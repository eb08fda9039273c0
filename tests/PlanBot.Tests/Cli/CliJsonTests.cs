using System.Text.Json;
using PlanBot.Cli;

namespace PlanBot.Tests.Cli;

public sealed class CliJsonTests
{
    private sealed record Sample(string LeadUnit, string Light, string Literal);

    [Fact]
    public void Json_keeps_chinese_and_emoji_readable_and_parses_back_to_the_same_values()
    {
        var sample = new Sample("区发改局", "🟡", @"C:\uD83D\uDD34 is text");
        using var writer = new StringWriter();

        CliJson.Write(writer, sample);

        var json = writer.ToString();
        Assert.Contains("\"leadUnit\": \"区发改局\"", json, StringComparison.Ordinal);
        Assert.Contains("\"light\": \"🟡\"", json, StringComparison.Ordinal);
        Assert.Equal(sample, JsonSerializer.Deserialize<Sample>(json, CliJson.Options));
    }
}
