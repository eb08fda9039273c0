using Microsoft.EntityFrameworkCore;
using PlanBot.Chat;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>
/// Links a roster member to their Telegram user id and/or DingTalk staff id without an invite: on DingTalk the robot
/// may write first, so a member linked by staff id gets reminders from then on.
/// </summary>
public sealed class MembersLinkVerb(PlanBotDbContext db, TimeProvider time) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "members link",
        ["NAME|ID"],
        [new CliOption("telegram-id", "ID"), new CliOption("dingtalk-user-id", "ID")],
        "<name|id> [--telegram-id ID] [--dingtalk-user-id ID]",
        "link a member to a Telegram user id or a DingTalk staff id (replaces their id on that channel)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var member = await CliLookup.MemberAsync(db, input.Positional(0), ct);
        var contacts = await ContactsAsync(db, input, "members link", member.Id, ct);
        if (contacts.Count == 0)
        {
            throw new CliInputException("members link: give --telegram-id ID and/or --dingtalk-user-id ID");
        }

        await db.Entry(member).Collection(m => m.Contacts).LoadAsync(ct);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var changed = contacts.Count(contact => member.LinkTo(contact, nowUtc));
        if (changed == 0)
        {
            input.Out.WriteLine($"{member.Name}: unchanged");
            return CliApp.Success;
        }

        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"{member.Name}: linked to {string.Join(", ", contacts.Select(Describe))}");
        return CliApp.Success;
    }

    /// <summary>
    /// The ids given with --telegram-id and --dingtalk-user-id, each checked for its shape and for not being linked to
    /// another member already (<paramref name="memberId"/> is the member being linked, null for a new one).
    /// </summary>
    public static async Task<List<ChatAddress>> ContactsAsync(PlanBotDbContext db, CliInvocation input, string verb, int? memberId, CancellationToken ct)
    {
        var contacts = new List<ChatAddress>();
        foreach (var (option, parse, shape) in new (string, Func<string, ChatAddress?>, string)[]
        {
            ("telegram-id", MemberContact.ParseTelegramUserId, MemberContact.TelegramUserIdShape),
            ("dingtalk-user-id", MemberContact.ParseDingTalkUserId, MemberContact.DingTalkUserIdShape),
        })
        {
            if (input.Option(option) is not { } text)
            {
                continue;
            }

            var id = parse(text) ?? throw new CliInputException($"{verb}: '{text}' is not {shape}");
            var linked = await db.MemberContacts.Where(c => c.UserId == id).Select(c => c.Member!).FirstOrDefaultAsync(ct);
            if (linked is not null && linked.Id != memberId)
            {
                throw new CliInputException($"{verb}: {Describe(id)} is already linked to '{linked.Name}'");
            }

            contacts.Add(id);
        }

        return contacts;
    }

    private static string Describe(ChatAddress id) => id.Channel == Channel.DingTalk ? $"DingTalk user {id.Id}" : $"Telegram user {id.Id}";
}
