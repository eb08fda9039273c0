using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.DingTalk;

namespace PlanBot.Tests.DingTalk;

public sealed class DingTalkClientSetupTests
{
    [Fact]
    public void Registers_the_client_from_the_DingTalk_section()
    {
        using var provider = Build(new() { ["DingTalk:ClientId"] = "id", ["DingTalk:ClientSecret"] = "secret", ["DingTalk:RobotCode"] = "robot" });

        Assert.Equal("robot", provider.GetRequiredService<IOptions<DingTalkOptions>>().Value.RobotCode);
        Assert.NotNull(provider.GetRequiredService<DingTalkApi>());
        Assert.Same(provider.GetRequiredService<DingTalkAccessTokens>(), provider.GetRequiredService<DingTalkAccessTokens>());
        Assert.Same(provider.GetRequiredService<DingTalkStreamClient>(), provider.GetRequiredService<DingTalkStreamClient>());
    }

    [Fact]
    public void Missing_robot_code_fails_validation_without_the_secret()
    {
        using var provider = Build(new() { ["DingTalk:ClientId"] = "id", ["DingTalk:ClientSecret"] = "secret-xyz" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DingTalkOptions>>().Value);
        Assert.Contains("DingTalk:RobotCode", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-xyz", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDingTalkClient(configuration);
        return services.BuildServiceProvider();
    }
}
