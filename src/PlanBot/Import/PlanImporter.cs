using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Import;

/// <summary>
/// Imports a plan from JSON (the layout of seeds/plan-2024.json), CSV or XLSX (one row per task, <see cref="PlanColumns"/>).
/// All or nothing: every row is checked first and any problem fails the whole file with every problem listed,
/// before anything is written; the changes are then saved in one SaveChanges. Idempotent by task code: an unchanged
/// file changes nothing, a changed one updates the changed fields.
/// </summary>
public sealed class PlanImporter(TimeProvider time)
{
    /// <param name="fileLabel">How messages name the file; the path when null.</param>
    /// <exception cref="ImportFailedException">The file has problems; nothing was written.</exception>
    public async Task<ImportSummary> ImportAsync(
        PlanBotDbContext db, string path, PlanChoice choice, CancellationToken ct, string? fileLabel = null)
    {
        var errors = new ImportErrors(fileLabel ?? path);
        // A file that cannot be read stops here; row problems found while reading (a bad milestone cell) do not,
        // so the checks below can add theirs and the user sees every problem at once.
        if (Read(path, errors) is not { } planFile)
        {
            throw errors.ToException();
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var plan = await ResolvePlanAsync(db, planFile, choice, errors, ct);
        var existing = plan is null || plan.Id == 0
            ? []
            : await db.Tasks
                .Where(t => t.PlanId == plan.Id)
                .Include(t => t.Owner)
                .Include(t => t.CoOwners).ThenInclude(c => c.Member)
                .Include(t => t.Milestones)
                .AsSplitQuery()
                .ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, ct);
        await db.Members.LoadAsync(ct);
        var roster = db.Members.Local.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var storedLists = existing.Values.ToDictionary(t => t.Code, t => t.List, StringComparer.Ordinal);
        var drafts = PlanValidator.Validate(
            planFile.Tasks, plan?.Year ?? DateOnly.FromDateTime(nowUtc).Year, roster, storedLists, errors);
        if (errors.Any || plan is null)
        {
            throw errors.ToException();
        }

        int created = 0, updated = 0, unchanged = 0;
        foreach (var draft in drafts)
        {
            if (existing.TryGetValue(draft.Code, out var task))
            {
                if (TaskSync.Update(db, task, draft, nowUtc))
                {
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            else
            {
                plan.Tasks.Add(TaskSync.Create(draft, nowUtc));
                created++;
            }
        }

        var planChanged = plan.Id == 0;
        if (planFile.Source is { } source && plan.Source != source)
        {
            plan.Source = source;
            planChanged = true;
        }

        if (created + updated > 0 || planChanged)
        {
            plan.ImportedAtUtc = nowUtc;
        }

        await db.SaveChangesAsync(ct);
        var fileCodes = drafts.Select(d => d.Code).ToHashSet();
        var notInFile = existing.Keys.Where(c => !fileCodes.Contains(c)).Order(StringComparer.Ordinal).ToList();
        return new ImportSummary($"plan {plan.Year} {plan.Organisation}", created, updated, unchanged, notInFile);
    }

    private static RawPlan? Read(string path, ImportErrors errors)
    {
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonPlanReader.Read(path, errors);
        }

        if (!SheetReader.IsSheet(path))
        {
            errors.AddForFile("a plan file must be .json, .csv, .txt, .tsv or .xlsx");
            return null;
        }

        return SheetReader.Read(path, errors) is { } sheet ? TabularPlanReader.Read(sheet, errors) : null;
    }

    /// <summary>
    /// The plan the file names (JSON; sheet year/organisation columns), else the one --year/--organisation name,
    /// else the only plan in the database. A named plan that does not exist yet is created.
    /// </summary>
    private static async Task<Plan?> ResolvePlanAsync(PlanBotDbContext db, RawPlan file, PlanChoice choice, ImportErrors errors, CancellationToken ct)
    {
        if (file.Year is { } fy && choice.Year is { } cy && fy != cy)
        {
            errors.AddForFile($"the file is for {fy} but --year says {cy}");
        }

        if (file.Organisation is { } fo && choice.Organisation is { } co && fo != co)
        {
            errors.AddForFile($"the file is for '{fo}' but --organisation says '{co}'");
        }

        var year = file.Year ?? choice.Year;
        var organisation = file.Organisation ?? choice.Organisation;
        var candidates = await db.Plans
            .Where(p => (year == null || p.Year == year) && (organisation == null || p.Organisation == organisation))
            .ToListAsync(ct);
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (year is { } y && organisation is not null && candidates.Count == 0)
        {
            var plan = new Plan { Year = y, Organisation = organisation, Source = file.Source };
            db.Plans.Add(plan);
            return plan;
        }

        errors.AddForFile(candidates.Count == 0
            ? "no plan to import into: add year and organisation columns, or pass --year and --organisation"
            : $"{candidates.Count} plans match ({string.Join(", ", candidates.Select(p => $"{p.Year} {p.Organisation}"))}): pass --year and --organisation");
        return null;
    }
}
