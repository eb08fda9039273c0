using System.Globalization;

namespace PlanBot.Import;

/// <summary>One problem in an import file, located so a spreadsheet user can find it: file, row, column and reason.</summary>
/// <param name="Location">"row 5, column deadline", "tasks[4] (K-05), field deadline", or empty for the whole file.</param>
public sealed record ImportError(string File, string Location, string Reason)
{
    public override string ToString() =>
        Location.Length == 0 ? $"{File}: {Reason}" : $"{File}: {Location}: {Reason}";
}

/// <summary>An import that found problems; nothing was written. The message holds every problem, one per line.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}

/// <summary>
/// Collects the problems of one file before the import fails, so one run shows them: the first
/// <see cref="MaxShown"/>, and how many more there are (a sheet of the wrong kind can have a problem in every cell).
/// </summary>
public sealed class ImportErrors(string file)
{
    public const int MaxShown = 100;

    private readonly List<ImportError> _errors = [];
    private int _notShown;

    public string File { get; } = file;

    public bool Any => _errors.Count > 0;

    public void Add(string location, string reason)
    {
        if (_errors.Count < MaxShown)
        {
            _errors.Add(new ImportError(File, location, reason));
        }
        else
        {
            _notShown++;
        }
    }

    public void AddForFile(string reason) => Add("", reason);

    /// <summary>Names the full path looked at: `dotnet run` runs in the project folder, not where the user typed.</summary>
    public static string NotFound(string path) => $"file not found (looked for {Path.GetFullPath(path)})";

    /// <summary>Throws <see cref="ImportFailedException"/> when anything was collected.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw ToException();
        }
    }

    public ImportFailedException ToException() => new(_notShown == 0
        ? [.. _errors]
        : [.. _errors, new ImportError(File, "", string.Create(CultureInfo.InvariantCulture, $"{_notShown:N0} more problems not shown; fix these and import again"))]);
}
