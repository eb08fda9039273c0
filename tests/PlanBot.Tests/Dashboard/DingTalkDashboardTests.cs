using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Dashboard;
using PlanBot.Tests.DingTalkEndToEnd;

namespace PlanBot.Tests.Dashboard;

/// <summary>/dashboard on DingTalk: there is no Mini App, so the answer is a one-time link that opens a session once.</summary>
public sealed partial class DingTalkDashboardTests
{
    [Fact]
    public async Task Dashboard_on_dingtalk_answers_with_a_one_time_link_that_opens_the_members_session_once()
    {
        await using var world = await DingTalkBureau.StartAsync(o => o.Settings["Dashboard:Enabled"] = "true");
        await world.SayAsync(DingTalkBureau.OwnerBStaffId, "/dashboard");
        var answer = await world.NextMessageToAsync(DingTalkBureau.OwnerBStaffId, 0);
        var path = LoginPath().Match(answer.Text ?? "").Value;
        Assert.True(path.Length == "/login/".Length + 64, answer.Text);

        var baseUrl = new Uri(world.Bot.Services.GetRequiredService<DashboardState>().ListeningOn!);
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        await first.GetAsync(path);
        var me = await first.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("产业科负责人", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var second = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        await second.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
    }

    [GeneratedRegex("/login/[0-9a-f]+")]
    private static partial Regex LoginPath();
}
