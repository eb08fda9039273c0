using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PlanBot.Telegram;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Telegram;

public sealed class TelegramOptionsTests
{
    [Fact]
    public void Empty_token_means_console_and_needs_nothing_else()
    {
        Assert.Empty(Validate(new TelegramOptions { Mode = TelegramMode.Webhook }));
    }

    [Theory]
    [InlineData(null, "WebhookUrl")]
    [InlineData("", "WebhookSecret")]
    [InlineData("has space", "WebhookSecret")]
    [InlineData("ünïcode", "WebhookSecret")]
    public void Webhook_mode_names_the_missing_or_bad_setting(string? secret, string setting)
    {
        var options = new TelegramOptions
        {
            BotToken = FakeBotApiServer.Token,
            Mode = TelegramMode.Webhook,
            WebhookUrl = setting == "WebhookUrl" ? null : "https://bot.example.test/telegram/update",
            WebhookSecret = setting == "WebhookUrl" ? "ok" : secret,
        };

        var error = Assert.Single(Validate(options));
        Assert.Contains("Telegram:" + setting, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_token_is_refused_without_repeating_it()
    {
        var error = Assert.Single(Validate(new TelegramOptions { BotToken = "not-a-token-SECRET" }));
        Assert.Contains("Telegram:BotToken", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_refuses_to_start_in_webhook_mode_without_a_secret()
    {
        var builder = PlanBotHost.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApiServer.Token,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.test/telegram/update",
            ["ConnectionStrings:PlanBot"] = "Data Source=:memory:",
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Telegram:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_token_no_telegram_service_is_registered()
    {
        var builder = PlanBotHost.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "",
        }));

        Assert.DoesNotContain(builder.Services, s => s.ImplementationType == typeof(TelegramPollingReceiver));
        Assert.DoesNotContain(builder.Services, s => s.ImplementationType == typeof(TelegramMessageTransport));
        Assert.DoesNotContain(builder.Services, s => s.ImplementationType == typeof(TelegramRateLimiter));
    }

    private static List<ValidationResult> Validate(TelegramOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
