using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Telegram;
using PlanBot.Texts;

namespace PlanBot.Dashboard;

/// <summary>
/// The page, its files, and the JSON it draws from. Every /api endpoint but /api/texts and the login answers 401
/// without a live session; what a session's member may see is decided in <see cref="DashboardViews"/>.
/// </summary>
public sealed class DashboardEndpoints(IServiceScopeFactory scopes)
{
    public const string CookieName = "planbot_session";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{**name}", (string name) => Asset(name));
        app.MapGet("/api/texts", (string? lang) => Results.Json(PageTexts(TextSet.For(lang))));
        app.MapPost("/api/session/telegram", LoginWithTelegramAsync);
        app.MapGet("/login/{token}", OpenLinkAsync);
        app.MapGet("/api/me", (HttpContext http, CancellationToken ct) => WithMemberAsync(http, (_, member) => Task.FromResult(Results.Json(new
        {
            member.Name,
            Roles = member.Roles.ToText(),
            SeesAll = DashboardViews.MaySeeAll(member),
            member.Language,
        })), ct));
        app.MapGet("/api/overview", (HttpContext http, string? month, CancellationToken ct) => WithMemberAsync(http, async (sp, member) =>
            ParseMonth(month, out var m)
                ? Results.Json(await sp.GetRequiredService<DashboardViews>().OverviewAsync(Db(sp), m, TextSet.For(member.Language), ct))
                : Results.BadRequest(), ct));
        app.MapGet("/api/tasks", (HttpContext http, string? month, string? list, string? unit, string? light, string? owner, CancellationToken ct) =>
            WithMemberAsync(http, async (sp, member) => ParseMonth(month, out var m)
                ? Results.Json(await sp.GetRequiredService<DashboardViews>().TasksAsync(Db(sp), member, new TaskFilter(list, unit, light, owner), m, TextSet.For(member.Language), ct))
                : Results.BadRequest(), ct));
        app.MapGet("/api/tasks/{code}", (HttpContext http, string code, CancellationToken ct) => WithMemberAsync(http, async (sp, member) =>
            await sp.GetRequiredService<DashboardViews>().TaskAsync(Db(sp), member, code, TextSet.For(member.Language), ct) is { } task
                ? Results.Json(task)
                : Results.NotFound(), ct));
    }

    /// <summary>The page's own texts, and the lights' names under "lightName.…" (texts, no plan data: open to anyone).</summary>
    private static Dictionary<string, string> PageTexts(TextSet t)
    {
        var texts = new Dictionary<string, string>(t.WithPrefix("dashboard.page."), StringComparer.Ordinal);
        foreach (var light in Enum.GetValues<Light>())
        {
            texts["lightName." + light] = t.LightName(light);
        }

        return texts;
    }

    private static IResult Asset(string name) =>
        DashboardAssets.Find(name) is { } file ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound();

    private static PlanBotDbContext Db(IServiceProvider services) => services.GetRequiredService<PlanBotDbContext>();

    /// <summary>"" or absent: now; else a month "yyyy-MM" (its kept lights).</summary>
    private static bool ParseMonth(string? text, out YearMonth? month)
    {
        month = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (YearMonth.TryParse(text, out var parsed))
        {
            month = parsed;
            return true;
        }

        return false;
    }

    private async Task<IResult> WithMemberAsync(HttpContext http, Func<IServiceProvider, Member, Task<IResult>> handle, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<DashboardSessions>();
        var member = await sessions.MemberOfSessionAsync(Db(scope.ServiceProvider), SessionToken(http.Request), ct);
        return member is null ? Results.Unauthorized() : await handle(scope.ServiceProvider, member);
    }

    /// <summary>The Mini App posts Telegram's initData; a valid one of a member's Telegram account becomes a session cookie.</summary>
    private async Task<IResult> LoginWithTelegramAsync(HttpContext http, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var initData = form?["initData"].ToString() ?? "";
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var telegram = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var dashboard = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var (outcome, userId) = TelegramInitData.Validate(
            initData, telegram.BotToken, sp.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromMinutes(dashboard.InitDataMaxAgeMinutes));
        if (outcome != TelegramInitData.Outcome.Valid)
        {
            return Results.Unauthorized();
        }

        var db = Db(sp);
        var address = ChatAddress.Telegram(userId);
        var memberId = await db.MemberContacts.Where(c => c.UserId == address).Select(c => (int?)c.MemberId).SingleOrDefaultAsync(ct);
        if (memberId is null)
        {
            // Signed by Telegram, but not someone on the roster: the same refusal the bot gives strangers.
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var token = await NewSessionAsync(sp, db, memberId.Value, ct);
        SetCookie(http, token, dashboard);
        // Also in the answer: Telegram Web and Telegram Desktop embed a Mini App in a frame of another site, where the
        // browser keeps no cookie; the page then sends the token itself (Authorization: Bearer) with every request.
        return Results.Json(new { token });
    }

    /// <summary>The session's token: the page's bearer header (a Mini App in a frame), else the cookie.</summary>
    private static string? SessionToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : request.Cookies[CookieName];
    }

    /// <summary>A one-time link from /dashboard link (or DingTalk): spent on first use, it becomes a session.</summary>
    private async Task<IResult> OpenLinkAsync(HttpContext http, string token, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        string? session;
        using (await sp.GetRequiredService<WriteTurn>().TakeAsync(ct))
        {
            session = await sp.GetRequiredService<DashboardSessions>().RedeemLinkAsync(Db(sp), token, ct);
        }

        if (session is not null)
        {
            SetCookie(http, session, sp.GetRequiredService<IOptions<DashboardOptions>>().Value);
        }

        // To the page either way: without a cookie it shows the refusal; and the token leaves the address bar.
        return Results.Redirect("/", permanent: false);
    }

    private static async Task<string> NewSessionAsync(IServiceProvider sp, PlanBotDbContext db, int memberId, CancellationToken ct)
    {
        var sessions = sp.GetRequiredService<DashboardSessions>();
        using (await sp.GetRequiredService<WriteTurn>().TakeAsync(ct))
        {
            await sessions.DeleteExpiredAsync(db, ct);
            var token = sessions.AddSession(db, memberId);
            await db.SaveChangesAsync(ct);
            return token;
        }
    }

    private static void SetCookie(HttpContext http, string token, DashboardOptions options) =>
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            // Lax, not Strict: a link opened from DingTalk is a navigation from another site, and the page it lands on
            // must carry the cookie. Every request that reads data is a same-site fetch either way.
            SameSite = SameSiteMode.Lax,
            // Behind the operator's proxy the request reaches Kestrel over plain HTTP; the proxy says it was HTTPS.
            Secure = http.Request.IsHttps || string.Equals(http.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase),
            Path = "/",
            MaxAge = TimeSpan.FromMinutes(options.SessionMinutes),
        });
}
