using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Cli;

public sealed class MembersListVerb(PlanBotDbContext db) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new("members list", [], [CliOption.Json], "[--json]", "the roster");

    /// <summary>One member in --json output.</summary>
    /// <param name="TelegramUserId">Their Telegram user id, when linked there.</param>
    /// <param name="DingTalkUserId">Their DingTalk staff id, when linked there.</param>
    /// <param name="ReachedOn">The channel reminders go to (where they last wrote), null before they can be reached.</param>
    public sealed record MemberView(
        int Id, string Name, string Unit, IReadOnlyList<string> Roles, long? TelegramUserId, string? DingTalkUserId, string? ReachedOn, string Language, bool Reachable);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Include(m => m.Contacts).OrderBy(m => m.Id).ToListAsync(ct);
        var views = members
            .Select(m => new MemberView(m.Id, m.Name, m.Unit, m.Roles.ToText().Split(';', StringSplitOptions.RemoveEmptyEntries),
                m.UserOn(Channel.Telegram)?.Number, m.UserOn(Channel.DingTalk)?.Id, m.ChatId?.Channel.ToString().ToLowerInvariant(), m.Language, m.Reachable))
            .ToList();
        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, views);
            return CliApp.Success;
        }

        TextTable.Write(input.Out, ["id", "name", "unit", "roles", "telegram", "dingtalk", "lang"], views.Select(v => (IReadOnlyList<string>)
        [
            v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Name, v.Unit, string.Join(';', v.Roles),
            Contact(v.TelegramUserId?.ToString(System.Globalization.CultureInfo.InvariantCulture), v, "telegram"),
            Contact(v.DingTalkUserId, v, "dingtalk"),
            v.Language,
        ]));
        return CliApp.Success;
    }

    /// <summary>The id, marked where reminders go ("*") or when that chat is unreachable.</summary>
    private static string Contact(string? id, MemberView view, string channel) =>
        id is null ? "—"
        : view.ReachedOn != channel ? id
        : id + (view.Reachable ? " *" : " (unreachable)");
}
