using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class MembersListVerb(PlanBotDbContext db) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new("members list", [], [CliOption.Json], "[--json]", "the roster");

    /// <summary>One member in --json output.</summary>
    public sealed record MemberView(int Id, string Name, string Unit, IReadOnlyList<string> Roles, long? TelegramUserId, string Language, bool Reachable);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        var views = members
            .Select(m => new MemberView(m.Id, m.Name, m.Unit, m.Roles.ToText().Split(';', StringSplitOptions.RemoveEmptyEntries),
                m.TelegramUserId, m.Language, m.Reachable))
            .ToList();
        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, views);
            return CliApp.Success;
        }

        TextTable.Write(input.Out, ["id", "name", "unit", "roles", "telegram", "lang"], views.Select(v => (IReadOnlyList<string>)
        [
            v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Name, v.Unit, string.Join(';', v.Roles),
            v.TelegramUserId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) + (v.Reachable ? "" : " (unreachable)") : "—",
            v.Language,
        ]));
        return CliApp.Success;
    }
}
