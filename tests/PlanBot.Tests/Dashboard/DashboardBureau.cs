using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Chat;
using PlanBot.Dashboard;
using PlanBot.Plans;
using PlanBot.Tests.FakeBotApi;

namespace PlanBot.Tests.Dashboard;

/// <summary>
/// The real host on the 2024 seed plan and roster with the dashboard on (127.0.0.1, a free port), its clock at
/// 2024-06-15 10:00 in Shanghai: the admin 办公室管理员 and the owner 投资科负责人 are linked to Telegram, K-01 has a
/// progress update, and May's lights were kept (K-01 done, every other task on track, so May reads unlike June).
/// </summary>
public sealed class DashboardBureau : IAsyncLifetime
{
    public const long Admin = 9001;
    public const long Owner = 9002;
    public const long Stranger = 9999;
    public const string AdminName = "办公室管理员";
    public const string OwnerName = "投资科负责人";
    public const string LastMonth = "2024-05";
    public const string PublicUrl = "https://plan.example.test";

    private FakeBotApiServer? _api;
    private BotTestHost? _bot;

    public FakeBotApiServer Api => _api!;

    public BotTestHost Bot => _bot!;

    public string BaseUrl => Bot.Services.GetRequiredService<DashboardState>().ListeningOn!.TrimEnd('/');

    public async Task InitializeAsync()
    {
        _api = await FakeBotApiServer.StartAsync();
        _bot = await BotTestHost.StartAsync(_api, o =>
        {
            o.Settings["PlanBot:Clock:StartAt"] = "2024-06-15T10:00:00+08:00";
            o.Settings["PlanBot:HolidaysPath"] = Support.Repo.File("seeds", "holidays-cn.json");
            o.Settings["PlanBot:SeedPlanPath"] = Support.Repo.File("seeds", "plan-2024.json");
            o.Settings["PlanBot:SeedRosterPath"] = Support.Repo.File("seeds", "roster.sample.csv");
            o.Settings["PlanBot:Notices:Enabled"] = "false";
            o.Settings["Dashboard:Enabled"] = "true";
            // As the operator's proxy publishes it: Telegram opens Mini Apps over HTTPS only.
            o.Settings["Dashboard:PublicUrl"] = PublicUrl;
        });
        var now = Now.UtcDateTime;
        await using var db = Bot.CreateDbContext();
        foreach (var (name, id) in new[] { (AdminName, Admin), (OwnerName, Owner) })
        {
            var member = await db.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == name);
            member.LinkTo(ChatAddress.Telegram(id), now);
        }

        var k01 = await db.Tasks.Include(t => t.Milestones).SingleAsync(t => t.Code == "K-01");
        var owner = await db.Members.SingleAsync(m => m.Name == OwnerName);
        k01.RecordProgress(new ProgressInput(ProgressKind.Percent, 40, Note: "已研究杭州房地产新政"), owner.Id, UpdateChannel.Command, now);
        foreach (var task in await db.Tasks.ToListAsync())
        {
            db.LightSnapshots.Add(new LightSnapshot
            {
                TaskId = task.Id,
                Month = LastMonth,
                Light = task.Code == "K-01" ? Light.Done : Light.OnTrack,
                ProgressPercent = task.Code == "K-01" ? 100 : 30,
                ScheduledPercent = 30,
                TakenAtUtc = now,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The bot's clock (the shifted one), which judges auth_date.</summary>
    public DateTimeOffset Now => Bot.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>initData as Telegram would sign it for <paramref name="userId"/>, made <paramref name="age"/> ago, signed with <paramref name="token"/>.</summary>
    public string InitData(long userId, TimeSpan? age = null, string token = FakeBotApiServer.Token)
    {
        var fields = new Dictionary<string, string>
        {
            ["auth_date"] = (Now - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["query_id"] = "AAHdF6IQAAAAAN0XohDhrOrc",
            ["user"] = JsonSerializer.Serialize(new { id = userId, first_name = "测试", language_code = "zh-hans" }),
        };
        var hash = Convert.ToHexStringLower(TelegramInitData.Sign(fields, token));
        return string.Join('&', fields.Append(new("hash", hash)).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
    }

    /// <summary>An HTTP client with its own cookie jar, logged in as <paramref name="userId"/> when given.</summary>
    public async Task<HttpClient> ClientAsync(long? userId = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        if (userId is { } id)
        {
            var login = await client.PostAsync("/api/session/telegram", new FormUrlEncodedContent([new("initData", InitData(id))]));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
