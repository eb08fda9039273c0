using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Import;

/// <summary>
/// Imports the roster from CSV or XLSX (columns name, unit, roles, telegram_user_id, language; roles ';'-separated).
/// All or nothing, idempotent by name. Members missing from the file stay; an empty telegram_user_id or language
/// keeps what is stored, so re-importing the sample never unlinks someone who has joined.
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
        sheet!.CheckHeader(RosterColumns.Required, RosterColumns.All, errors);
        errors.ThrowIfAny();

        var stored = await db.Members.ToDictionaryAsync(m => m.Name, StringComparer.Ordinal, ct);
        var rows = Validate(sheet, stored, errors);
        errors.ThrowIfAny();

        var nowUtc = time.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.Name, out var member))
            {
                db.Members.Add(new Member
                {
                    Name = row.Name,
                    Unit = row.Unit,
                    Roles = row.Roles,
                    TelegramUserId = row.TelegramUserId,
                    Language = row.Language ?? Languages.Chinese,
                    CreatedAtUtc = nowUtc,
                });
                created++;
            }
            else if (Update(member, row))
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

    private sealed record RosterRow(string Name, string Unit, MemberRoles Roles, long? TelegramUserId, string? Language);

    private static List<RosterRow> Validate(Sheet sheet, Dictionary<string, Member> stored, ImportErrors errors)
    {
        var rows = new List<RosterRow>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var telegramIds = new Dictionary<long, int>();
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

            long? telegramUserId = null;
            if (sheet.Cell(row, RosterColumns.TelegramUserId) is { } idText)
            {
                if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    Fail(RosterColumns.TelegramUserId, $"'{idText}' is not a Telegram user id (a positive whole number)");
                }
                else if (!telegramIds.TryAdd(id, row.Number))
                {
                    Fail(RosterColumns.TelegramUserId, $"{id} is already on row {telegramIds[id]}");
                }
                else if (stored.Values.FirstOrDefault(m => m.TelegramUserId == id && m.Name != name) is { } other)
                {
                    Fail(RosterColumns.TelegramUserId, $"{id} is already linked to '{other.Name}'");
                }
                else
                {
                    telegramUserId = id;
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
                rows.Add(new RosterRow(name!, unit, roles, telegramUserId, language));
            }
        }

        if (rows.Count == 0 && !errors.Any)
        {
            errors.AddForFile("no member rows under the header");
        }

        return rows;
    }

    private static bool Update(Member member, RosterRow row)
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

        if (row.TelegramUserId is { } id && member.TelegramUserId != id)
        {
            member.TelegramUserId = id;
            changed = true;
        }

        if (row.Language is { } language && member.Language != language)
        {
            member.Language = language;
            changed = true;
        }

        return changed;
    }
}
