using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Outbox;

namespace PlanBot.Dashboard;

/// <summary>
/// /dashboard: in a private Telegram chat a Mini App button (the page logs in with Telegram's signed initData);
/// on DingTalk, the console, or as /dashboard link, a one-time link that becomes a session when opened.
/// Never in a group: a link there would let anyone in the group in as the sender.
/// </summary>
public sealed class DashboardCommand(IOptions<DashboardOptions> options, DashboardSessions sessions, DashboardState state) : IChatCommand
{
    public string Name => "dashboard";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        if (!state.Enabled)
        {
            return Task.FromResult(r.Answer(r.T["dashboard.off"]));
        }

        if (!r.Message.IsPrivateChat)
        {
            return Task.FromResult(r.Answer(r.T["dashboard.privateOnly"]));
        }

        var baseUrl = state.PublicUrl;
        // Telegram refuses Mini App buttons (and link buttons to local addresses) without HTTPS: a bot whose page is not
        // published yet still answers, with the link in the text.
        var https = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var wantsLink = r.Arguments.Equals("link", StringComparison.OrdinalIgnoreCase) || r.Arguments == "链接";
        var telegram = r.Message.ChatId.Channel == Channel.Telegram;
        if (telegram && https && !wantsLink)
        {
            return Task.FromResult(r.Answer(r.T["dashboard.open"], buttons: [[new Button(r.T["dashboard.button"], baseUrl + "/", ButtonKind.WebApp)]]));
        }

        var url = $"{baseUrl}/login/{sessions.AddLink(r.Db, r.Member.Id)}";
        var text = r.T.Format("dashboard.link", options.Value.LinkMinutes, url);
        return Task.FromResult(telegram && !https ? r.Answer(text) : r.Answer(text, buttons: [[new Button(r.T["dashboard.button"], url, ButtonKind.Url)]]));
    }
}
