using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkClientOptionsAndFrameTests
{
    [Fact]
    public void Without_id_and_secret_DingTalk_is_off_and_needs_nothing_else()
    {
        var options = new DingTalkOptions { ApiBaseUrl = "not a url" };
        Assert.False(options.Enabled);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Enabled_needs_a_robot_code_and_absolute_urls()
    {
        var options = new DingTalkOptions { ClientId = "id", ClientSecret = "secret-value", OapiBaseUrl = "/relative" };

        var errors = Validate(options).Select(e => e.ErrorMessage!).ToList();

        Assert.Contains(errors, e => e.Contains("DingTalk:RobotCode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DingTalk:OapiBaseUrl", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Ping_ack_echoes_the_data_with_code_200_and_the_message_id()
    {
        var ping = Encoding.UTF8.GetBytes("""{"specVersion":"1.0","type":"SYSTEM","headers":{"topic":"ping","messageId":"m1","contentType":"application/json"},"data":"{\"opaque\":\"o-1\"}"}""");
        var frame = DingTalkStreamFrames.TryParse(ping)!;

        var ack = JsonDocument.Parse(DingTalkStreamFrames.Ack(frame.MessageId!, frame.Data)).RootElement;

        Assert.Equal(("SYSTEM", "ping", "m1"), (frame.Type, frame.Topic, frame.MessageId));
        Assert.Equal(200, ack.GetProperty("code").GetInt32());
        Assert.Equal("m1", ack.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal("application/json", ack.GetProperty("headers").GetProperty("contentType").GetString());
        Assert.Equal("o-1", JsonDocument.Parse(ack.GetProperty("data").GetString()!).RootElement.GetProperty("opaque").GetString());
    }

    [Fact]
    public void Garbage_frames_are_refused()
    {
        Assert.Null(DingTalkStreamFrames.TryParse(Encoding.UTF8.GetBytes("not json")));
        Assert.Null(DingTalkStreamFrames.TryParse(Encoding.UTF8.GetBytes("""{"headers":{}}""")));
    }

    [Fact]
    public void Callback_ack_data_depends_on_the_topic()
    {
        Assert.Equal("""{"response":{}}""", DingTalkStreamFrames.CallbackAckData(DingTalkStreamTopics.CardCallback));
        Assert.Equal("""{"response":null}""", DingTalkStreamFrames.CallbackAckData(DingTalkStreamTopics.BotMessage));
    }

    [Fact]
    public void Card_press_is_read_from_the_callback_data()
    {
        const string data = """{"outTrackId":"card-42","userId":"u1","corpId":"ding1","type":"actionCallback","content":"{\"cardPrivateData\":{\"actionIds\":[\"done:plan-7\"],\"params\":{}}}"}""";

        Assert.Equal(new DingTalkCardAction("card-42", "u1", "done:plan-7"), DingTalkCardAction.TryParse(data));
        Assert.Null(DingTalkCardAction.TryParse("""{"outTrackId":"c","userId":"u","content":"{}"}"""));
        Assert.Null(DingTalkCardAction.TryParse("[]"));
    }

    [Fact]
    public void Reconnect_delay_grows_to_the_cap_with_jitter()
    {
        using var factory = new DingTalkStub();
        var client = new DingTalkStreamClient(factory, Microsoft.Extensions.Options.Options.Create(new DingTalkOptions()), TimeProvider.System, NullLogger<DingTalkStreamClient>.Instance);

        for (var failures = 0; failures < 30; failures++)
        {
            var step = Math.Min(Math.Pow(2, failures), 60);
            var delay = client.Backoff(failures).TotalSeconds;
            Assert.InRange(delay, step / 2, step);
        }
    }

    private static List<ValidationResult> Validate(DingTalkOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
