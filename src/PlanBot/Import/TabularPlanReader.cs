using System.Globalization;

namespace PlanBot.Import;

/// <summary>Turns a plan sheet (one row per task, columns of <see cref="PlanColumns"/>) into a <see cref="RawPlan"/>.</summary>
public static class TabularPlanReader
{
    public static RawPlan? Read(Sheet sheet, ImportErrors errors)
    {
        // An export's Chinese headers name the columns they hold; its export-only columns are skipped.
        sheet = sheet.WithHeader(PlanColumns.Canonical);
        sheet.CheckHeader(PlanColumns.Required, PlanColumns.All, errors);
        if (errors.Any)
        {
            return null;
        }

        var omitted = PlanColumns.Optional.Where(c => !sheet.Has(c)).ToHashSet();
        var tasks = new List<RawTask>();
        var years = new List<(int Row, string Value)>();
        var organisations = new List<(int Row, string Value)>();
        foreach (var row in sheet.Rows.Where(r => !r.IsBlank))
        {
            var at = RecordRef.Row(row.Number);
            string? Cell(string column) => sheet.Cell(row, column);
            tasks.Add(new RawTask(at)
            {
                Code = Cell(PlanColumns.Code),
                List = Cell(PlanColumns.List),
                Section = Cell(PlanColumns.Section),
                Item = Cell(PlanColumns.Item),
                Title = Cell(PlanColumns.Title),
                Detail = Cell(PlanColumns.Detail),
                LeadUnit = Cell(PlanColumns.LeadUnit),
                Owner = Cell(PlanColumns.Owner),
                CoOwners = SplitNames(Cell(PlanColumns.CoOwners)),
                StartDate = Cell(PlanColumns.StartDate),
                Deadline = Cell(PlanColumns.Deadline),
                Milestones = ParseMilestones(Cell(PlanColumns.Milestones), at, errors),
                TargetValue = Cell(PlanColumns.TargetValue),
                TargetUnit = Cell(PlanColumns.TargetUnit),
                TargetLabel = Cell(PlanColumns.TargetLabel),
                Defaults = Cell(PlanColumns.Defaults),
                Omitted = omitted,
            });
            if (Cell(PlanColumns.Year) is { } year)
            {
                years.Add((row.Number, year));
            }

            if (Cell(PlanColumns.Organisation) is { } organisation)
            {
                organisations.Add((row.Number, organisation));
            }
        }

        if (tasks.Count == 0)
        {
            errors.AddForFile("no task rows under the header");
        }

        return new RawPlan(sheet.File, ReadYear(years, errors), SingleValue(organisations, PlanColumns.Organisation, errors), null, tasks);
    }

    /// <summary>Co-owner names separated by ';' (also '；', '、' or a line break).</summary>
    public static IReadOnlyList<string> SplitNames(string? text) =>
        (text ?? "").Split([';', '；', '、', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<RawMilestone> ParseMilestones(string? text, RecordRef at, ImportErrors errors)
    {
        var milestones = new List<RawMilestone>();
        foreach (var entry in MilestoneText.SplitEntries(text))
        {
            if (MilestoneText.Parse(entry) is { } milestone)
            {
                milestones.Add(milestone);
            }
            else
            {
                errors.Add(at.At(PlanColumns.Milestones), $"'{entry}' is not 'YYYY-MM-DD [NN%] title'");
            }
        }

        return milestones;
    }

    private static int? ReadYear(List<(int Row, string Value)> years, ImportErrors errors)
    {
        if (SingleValue(years, PlanColumns.Year, errors) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
        {
            return year;
        }

        errors.Add(RecordRef.Row(years[0].Row).At(PlanColumns.Year), $"'{text}' is not a year");
        return null;
    }

    /// <summary>The plan a sheet names must be the same on every row that names one.</summary>
    private static string? SingleValue(List<(int Row, string Value)> values, string column, ImportErrors errors)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var first = values[0].Value;
        foreach (var (row, value) in values.Where(v => v.Value != first))
        {
            errors.Add(RecordRef.Row(row).At(column), $"'{value}' differs from '{first}' on row {values[0].Row}: one file holds one plan");
        }

        return first;
    }
}
