using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanBot.Dashboard;
using PlanBot.Plans;
using PlanBot.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace PlanBot.Tests.Dashboard;

/// <summary>Who may see what on the dashboard's JSON endpoints, over HTTP against the real host.</summary>
public sealed class DashboardAccessTests(DashboardBureau bureau) : IClassFixture<DashboardBureau>
{
    private static readonly string[] DataEndpoints = ["/api/me", "/api/overview", "/api/tasks", "/api/tasks/K-01", "/api/overview?month=2024-05"];

    [Fact]
    public async Task Every_data_endpoint_refuses_a_request_without_a_session()
    {
        using var client = await bureau.ClientAsync();
        foreach (var path in DataEndpoints)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task An_expired_session_opens_nothing()
    {
        const string token = "expired-session-token";
        await using (var db = bureau.Bot.CreateDbContext())
        {
            var admin = await db.Members.SingleAsync(m => m.Name == DashboardBureau.AdminName);
            db.DashboardTokens.Add(new DashboardToken
            {
                TokenHash = DashboardSessions.Hash(token),
                Kind = DashboardTokenKind.Session,
                MemberId = admin.Id,
                CreatedAtUtc = bureau.Now.UtcDateTime.AddHours(-3),
                ExpiresAtUtc = bureau.Now.UtcDateTime.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }

        using var client = await bureau.ClientAsync();
        foreach (var path in DataEndpoints)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", DashboardEndpoints.CookieName + "=" + token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("old")]
    [InlineData("tampered")]
    public async Task Initdata_that_Telegram_did_not_sign_just_now_makes_no_session(string kind)
    {
        var initData = kind switch
        {
            "forged" => bureau.InitData(DashboardBureau.Admin, token: "123456789:AAnotTheBotsToken"),
            "old" => bureau.InitData(DashboardBureau.Admin, age: TimeSpan.FromDays(2)),
            _ => bureau.InitData(DashboardBureau.Owner).Replace("9002", "9001", StringComparison.Ordinal),
        };
        using var client = await bureau.ClientAsync();
        var login = await client.PostAsync("/api/session/telegram", new FormUrlEncodedContent([new("initData", initData)]));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_Telegram_user_not_on_the_roster_is_refused()
    {
        using var client = await bureau.ClientAsync();
        var login = await client.PostAsync("/api/session/telegram", new FormUrlEncodedContent([new("initData", bureau.InitData(DashboardBureau.Stranger))]));
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_secure_behind_an_https_proxy()
    {
        using var client = await bureau.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/telegram")
        {
            Content = new FormUrlEncodedContent([new("initData", bureau.InitData(DashboardBureau.Admin))]),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        var login = await client.SendAsync(request);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_mini_app_framed_by_another_site_keeps_no_cookie_and_signs_in_with_the_token_it_was_given()
    {
        // Telegram Web and Desktop show the page in a frame of their own site, where the browser keeps no cookie.
        using var framed = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(bureau.BaseUrl) };
        var login = await framed.PostAsync("/api/session/telegram", new FormUrlEncodedContent([new("initData", bureau.InitData(DashboardBureau.Owner))]));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await framed.GetAsync("/api/me")).StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await framed.SendAsync(withToken)).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token + "0");
        Assert.Equal(HttpStatusCode.Unauthorized, (await framed.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_when_its_member_is_relinked_to_another_account()
    {
        var now = bureau.Bot.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (var db = bureau.Bot.CreateDbContext())
        {
            db.Members.Add(new Member { Name = "统计科负责人", Roles = MemberRoles.Owner, Contacts = { MemberContact.Telegram(9050, now.AddDays(-1)) }, CreatedAtUtc = now });
            await db.SaveChangesAsync();
        }

        using var client = await bureau.ClientAsync(9050);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        // The post changes hands: the admin links the member to its new holder's Telegram account.
        await using (var db = bureau.Bot.CreateDbContext())
        {
            var member = await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "统计科负责人");
            member.LinkTo(ChatAddress.Telegram(9051), now.AddMinutes(1));
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_owner_sees_the_lists_counts_and_only_their_own_tasks()
    {
        using var owner = await bureau.ClientAsync(DashboardBureau.Owner);
        var tasks = await JsonAsync(owner, "/api/tasks");
        await using var db = bureau.Bot.CreateDbContext();
        var ownerId = await db.Members.Where(m => m.Name == DashboardBureau.OwnerName).Select(m => m.Id).SingleAsync();
        var own = await db.Tasks.Where(t => t.OwnerId == ownerId || t.CoOwners.Any(c => c.MemberId == ownerId)).Select(t => t.Code).OrderBy(c => c).ToListAsync();
        Assert.NotEmpty(own);
        Assert.Equal(own, tasks.EnumerateArray().Select(t => t.GetProperty("code").GetString()!).Order().ToList());

        var overview = await JsonAsync(owner, "/api/overview");
        Assert.Equal(await db.Tasks.CountAsync(), overview.GetProperty("lists").EnumerateArray().Sum(l => l.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task An_owner_asking_for_another_owners_task_gets_nothing_and_a_supervisor_gets_it()
    {
        await using var db = bureau.Bot.CreateDbContext();
        var others = await db.Tasks
            .Where(t => t.Owner!.Name != DashboardBureau.OwnerName && !t.CoOwners.Any(c => c.Member!.Name == DashboardBureau.OwnerName))
            .Select(t => t.Code).FirstAsync();
        using var owner = await bureau.ClientAsync(DashboardBureau.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/tasks/" + others)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/tasks/K-01")).StatusCode);

        using var admin = await bureau.ClientAsync(DashboardBureau.Admin);
        var task = await JsonAsync(admin, "/api/tasks/" + others);
        Assert.Equal(others, task.GetProperty("row").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_counts_agree_with_the_digests()
    {
        using var admin = await bureau.ClientAsync(DashboardBureau.Admin);
        var overview = await JsonAsync(admin, "/api/overview");
        await using var scope = bureau.Bot.Services.CreateAsyncScope();
        await using var db = bureau.Bot.CreateDbContext();
        var digest = await scope.ServiceProvider.GetRequiredService<DigestBuilder>()
            .BuildAsync(db, scope.ServiceProvider.GetRequiredService<PlanBot.Clock.PlanClock>().Today);
        var page = overview.GetProperty("lists").EnumerateArray()
            .Select(l => $"{l.GetProperty("list").GetString()} {l.GetProperty("red")} {l.GetProperty("atRisk")} {l.GetProperty("onTrack")} {l.GetProperty("done")}");
        Assert.Equal(digest.Lists.Select(l => $"{l.List} {l.Red} {l.AtRisk} {l.OnTrack} {l.Done}"), page);
    }

    [Fact]
    public async Task A_one_time_link_opens_one_session_once()
    {
        string link;
        await using (var db = bureau.Bot.CreateDbContext())
        {
            var admin = await db.Members.SingleAsync(m => m.Name == DashboardBureau.AdminName);
            link = bureau.Bot.Services.GetRequiredService<DashboardSessions>().AddLink(db, admin.Id);
            await db.SaveChangesAsync();
        }

        using var first = await bureau.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/login/" + link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/me")).StatusCode);

        using var second = await bureau.ClientAsync();
        await second.GetAsync("/login/" + link);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_in_a_private_Telegram_chat_answers_with_a_web_app_button()
    {
        var before = bureau.Api.Calls.Count(c => c.Method == "sendMessage" && c.ChatId == DashboardBureau.Admin);
        bureau.Api.EnqueueText(DashboardBureau.Admin, DashboardBureau.Admin, "/dashboard");
        var calls = await bureau.Api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == DashboardBureau.Admin) > before);
        var reply = calls.Where(c => c.Method == "sendMessage" && c.ChatId == DashboardBureau.Admin).ElementAt(before);
        var button = reply.ReplyMarkup!["inline_keyboard"]![0]![0]!;
        Assert.Equal(DashboardBureau.PublicUrl + "/", (string?)button["web_app"]!["url"]);
    }

    [Fact]
    public async Task Dashboard_link_in_telegram_sends_a_one_time_link_and_a_group_gets_none()
    {
        var before = bureau.Api.Calls.Count(c => c.Method == "sendMessage" && c.ChatId == DashboardBureau.Owner);
        bureau.Api.EnqueueText(DashboardBureau.Owner, DashboardBureau.Owner, "/dashboard link");
        var calls = await bureau.Api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == DashboardBureau.Owner) > before);
        var reply = calls.Where(c => c.Method == "sendMessage" && c.ChatId == DashboardBureau.Owner).ElementAt(before);
        var url = (string?)reply.ReplyMarkup!["inline_keyboard"]![0]![0]!["url"];
        Assert.StartsWith(DashboardBureau.PublicUrl + "/login/", url, StringComparison.Ordinal);

        using var client = await bureau.ClientAsync();
        await client.GetAsync(new Uri(url!).PathAndQuery);
        var me = await JsonAsync(client, "/api/me");
        Assert.Equal(DashboardBureau.OwnerName, me.GetProperty("name").GetString());

        const long group = -100500;
        var inGroup = bureau.Api.Calls.Count(c => c.Method == "sendMessage" && c.ChatId == group);
        bureau.Api.EnqueueText(group, DashboardBureau.Owner, "/dashboard link");
        calls = await bureau.Api.WaitForAsync(cs => cs.Count(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == group) > inGroup);
        var answer = calls.Where(c => c.Method == "sendMessage" && c.ChatId == group).ElementAt(inGroup);
        Assert.DoesNotContain("/login/", answer.Text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
