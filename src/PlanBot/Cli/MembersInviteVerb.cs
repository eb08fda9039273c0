using System.Globalization;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Invites;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class MembersInviteVerb(
    PlanBotDbContext db, InviteService invites, PlanClock clock, IOptions<TelegramLinkOptions> telegram) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "members invite",
        ["MEMBER"],
        [CliOption.Json],
        "<name|id> [--json]",
        "make a single-use invite code and its t.me start link");

    /// <summary>The --json output.</summary>
    public sealed record InviteView(int MemberId, string Member, string Code, string Link, DateTimeOffset ExpiresAt, bool AlreadyLinked);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var member = await CliLookup.MemberAsync(db, input.Positional(0), ct);
        var invite = await invites.CreateAsync(db, member.Id, ct);
        await db.SaveChangesAsync(ct);

        var view = new InviteView(member.Id, member.Name, invite.Code, telegram.Value.StartLink(invite.Code),
            clock.ToLocal(invite.ExpiresAtUtc), member.IsLinked);
        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, view);
        }
        else
        {
            input.Out.WriteLine($"invite for {member.Name} (id {member.Id}), single use, valid until {view.ExpiresAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
            input.Out.WriteLine($"code: {view.Code}");
            input.Out.WriteLine($"link: {view.Link}");
            input.Out.WriteLine($"(or send the bot: /start {view.Code})");
            if (member.IsLinked)
            {
                input.Out.WriteLine("note: this member is already linked; redeeming the invite links the new Telegram account instead");
            }
        }

        if (!telegram.Value.HasBotUsername)
        {
            input.Error.WriteLine($"hint: set Telegram:BotUsername (e.g. Telegram__BotUsername=MyPlanBot) so the link names your bot instead of {TelegramLinkOptions.Placeholder}");
        }

        return CliApp.Success;
    }
}
