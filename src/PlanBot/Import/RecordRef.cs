namespace PlanBot.Import;

/// <summary>
/// Where one record (a task or a member) sits in its file, and how to name one of its fields there:
/// "row 5, column deadline" in a spreadsheet, "tasks[4] (K-05), field leadUnit" in JSON.
/// </summary>
public sealed class RecordRef(string record, string fieldWord, Func<string, string>? fieldName = null)
{
    /// <summary>A data row of a CSV or XLSX sheet, numbered as a spreadsheet shows it (the header is row 1).</summary>
    public static RecordRef Row(int spreadsheetRow) => new($"row {spreadsheetRow}", "column");

    public string Record { get; } = record;

    /// <summary>The location of a field, named by its tabular column name (e.g. lead_unit).</summary>
    public string At(string column) => $"{Record}, {fieldWord} {(fieldName is null ? column : fieldName(column))}";
}
