using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;
using PlanBot.Chat;

namespace PlanBot.Import;

/// <summary>
/// Imports the roster from CSV or XLSX (columns name, unit, roles, telegram_user_id, dingtalk_user_id (钉钉用户ID),
/// language; roles ';'-separated). All or nothing, idempotent by name. Members missing from the file stay; an empty
/// telegram_user_id, dingtalk_user_id or language keeps what is stored, so re-importing the sample never unlinks someone
/// who has joined. A DingTalk staff id links the member at once: the robot may write first to anyone in its app's range.
/// </summary>
public sealed class RosterImporter(TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <exception cref="ImportFailedException">The file has problems; nothing was written.</exception>
    public async Task<ImportSummary> ImportAsync(PlanBotDbContext db, string path, CancellationToken ct, string? fileLabel = null)
    {
        var errors = new ImportErrors(fileLabel ?? path);
        if (!SheetReader.IsSheet(path))
        {
            errors.AddForFile("a roster file must be .csv, .txt, .tsv or .xlsx");
        }

        var sheet = errors.Any ? null : SheetReader.Read(path, errors);
        errors.ThrowIfAny();
        sheet = sheet!.WithHeader(RosterColumns.Canonical);
        sheet.CheckHeader(RosterColumns.Required, RosterColumns.All, errors);
        errors.ThrowIfAny();

        var stored = await db.Members.Include(m => m.Contacts).ToDictionaryAsync(m => m.Name, StringComparer.Ordinal, ct);
        var rows = Validate(sheet, stored, errors);
        errors.ThrowIfAny();

        var nowUtc = time.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Name, out var member))
            {
                var added = new Member
                {
                    Name = row.Name,
                    Unit = row.Unit,
                    Roles = row.Roles,
                    Language = row.Language ?? Languages.Chinese,
                    CreatedAtUtc = nowUtc,
                };
                Link(added, row.Contacts, nowUtc);
                db.Members.Add(added);
                created++;
            }
            else if (Update(member, row, nowUtc))
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        if (created + updated > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        var names = rows.Select(r => r.Name).ToHashSet();
        return new ImportSummary("roster", created, updated, unchanged,
            stored.Keys.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToList());
    }

    private sealed record RosterRow(string Name, string Unit, MemberRoles Roles, IReadOnlyList<ChatAddress> Contacts, string? Language);

    private static List<RosterRow> Validate(Sheet sheet, Dictionary<string, Member> stored, ImportErrors errors)
    {
        var rows = new List<RosterRow>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var contactRows = new Dictionary<ChatAddress, int>();
        var linked = stored.Values.SelectMany(m => m.Contacts.Select(c => (c.UserId, m.Name))).ToDictionary(c => c.UserId, c => c.Name);
        foreach (var row in sheet.Rows.Where(r => !r.IsBlank))
        {
            var at = RecordRef.Row(row.Number);
            var ok = true;
            void Fail(string column, string reason)
            {
                errors.Add(at.At(column), reason);
                ok = false;
            }

            var name = sheet.Cell(row, RosterColumns.Name);
            if (name is null)
            {
                Fail(RosterColumns.Name, "required");
            }
            else if (name.Length > MaxNameLength)
            {
                Fail(RosterColumns.Name, $"{name.Length} characters; at most {MaxNameLength}");
            }
            else if (!names.TryAdd(name, row.Number))
            {
                Fail(RosterColumns.Name, $"'{name}' is already on row {names[name]}");
            }

            var unit = sheet.Cell(row, RosterColumns.Unit) ?? "";
            if (unit.Length > 100)
            {
                Fail(RosterColumns.Unit, $"{unit.Length} characters; at most 100");
            }

            var rolesText = sheet.Cell(row, RosterColumns.Roles);
            if (!MemberRolesText.TryParse(rolesText, out var roles))
            {
                Fail(RosterColumns.Roles, rolesText is null
                    ? "required (owner, supervisor, admin; several separated by ';')"
                    : $"'{rolesText}' is not a list of roles (owner, supervisor, admin; several separated by ';')");
            }

            var contacts = new List<ChatAddress>();
            foreach (var (column, parse, shape) in ContactColumns)
            {
                if (sheet.Cell(row, column) is not { } idText)
                {
                    continue;
                }

                if (parse(idText) is not { } id)
                {
                    Fail(column, $"'{idText}' is not {shape}");
                }
                else if (!contactRows.TryAdd(id, row.Number))
                {
                    Fail(column, $"{id.Id} is already on row {contactRows[id]}");
                }
                else if (linked.TryGetValue(id, out var other) && other != name)
                {
                    Fail(column, $"{id.Id} is already linked to '{other}'");
                }
                else
                {
                    contacts.Add(id);
                }
            }

            string? language = null;
            if (sheet.Cell(row, RosterColumns.Language) is { } languageText)
            {
                if (Languages.TryParse(languageText, out var parsed))
                {
                    language = parsed;
                }
                else
                {
                    Fail(RosterColumns.Language, $"'{languageText}' is not a language (zh or en)");
                }
            }

            if (ok)
            {
                rows.Add(new RosterRow(name!, unit, roles, contacts, language));
            }
        }

        if (rows.Count == 0 && !errors.Any)
        {
            errors.AddForFile("no member rows under the header");
        }

        return rows;
    }

    /// <summary>The roster's contact columns: how each reads an id, and what a valid one looks like (for the error).</summary>
    private static readonly (string Column, Func<string, ChatAddress?> Parse, string Shape)[] ContactColumns =
    [
        (RosterColumns.TelegramUserId, MemberContact.ParseTelegramUserId, MemberContact.TelegramUserIdShape),
        (RosterColumns.DingTalkUserId, MemberContact.ParseDingTalkUserId, MemberContact.DingTalkUserIdShape),
    ];

    private static bool Link(Member member, IReadOnlyList<ChatAddress> contacts, DateTime nowUtc)
    {
        var changed = false;
        foreach (var id in contacts)
        {
            changed |= member.LinkTo(id, nowUtc);
        }

        return changed;
    }

    private static bool Update(Member member, RosterRow row, DateTime nowUtc)
    {
        var changed = false;
        if (member.Unit != row.Unit)
        {
            member.Unit = row.Unit;
            changed = true;
        }

        if (member.Roles != row.Roles)
        {
            member.Roles = row.Roles;
            changed = true;
        }

        changed |= Link(member, row.Contacts, nowUtc);

        if (row.Language is { } language && member.Language != language)
        {
            member.Language = language;
            changed = true;
        }

        return changed;
    }
}
