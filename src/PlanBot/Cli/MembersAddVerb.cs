using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class MembersAddVerb(PlanBotDbContext db, TimeProvider time) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "members add",
        [],
        [
            new CliOption("name", "NAME", Required: true),
            new CliOption("unit", "UNIT", Required: true),
            new CliOption("role", "owner|supervisor|admin", Repeatable: true, Required: true),
            new CliOption("telegram-id", "ID"),
            new CliOption("dingtalk-user-id", "ID"),
            new CliOption("language", "zh|en"),
        ],
        "--name N --unit U --role owner|supervisor|admin [--role …] [--telegram-id ID] [--dingtalk-user-id ID] [--language zh|en]",
        "add a roster member (roles repeat or are ';'-separated)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var name = PlainText.Clean(input.Option("name")!).Trim();
        if (name.Length is 0 or > 100)
        {
            throw new CliInputException("members add: --name must be 1 to 100 characters");
        }

        var rolesText = string.Join(';', input.Options("role"));
        if (!MemberRolesText.TryParse(rolesText, out var roles))
        {
            throw new CliInputException($"members add: '{rolesText}' is not a list of roles (owner, supervisor, admin)");
        }

        var contacts = await MembersLinkVerb.ContactsAsync(db, input, "members add", memberId: null, ct);

        var language = Languages.Chinese;
        if (input.Option("language") is { } languageText && !Languages.TryParse(languageText, out language))
        {
            throw new CliInputException($"members add: '{languageText}' is not a language (zh or en)");
        }

        if (await db.Members.FirstOrDefaultAsync(m => m.Name == name, ct) is { } existing)
        {
            throw new CliInputException($"members add: '{name}' is already on the roster (id {existing.Id})");
        }


        var member = new Member
        {
            Name = name,
            Unit = PlainText.Clean(input.Option("unit")!).Trim(),
            Roles = roles,
            Language = language,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        foreach (var contact in contacts)
        {
            member.LinkTo(contact, member.CreatedAtUtc);
        }

        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        input.Out.WriteLine($"added member {member.Id}: {member.Name} ({member.Unit}; {member.Roles.ToText()})");
        return CliApp.Success;
    }
}
