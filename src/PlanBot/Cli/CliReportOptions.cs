using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>What the report verbs share: the --lang option and the files they write (--out, --chart).</summary>
public static class CliReportOptions
{
    public static CliOption Language { get; } = new("lang", "zh|en");

    /// <summary>The month of --month.</summary>
    /// <exception cref="CliInputException">Not a month (YYYY-MM).</exception>
    public static YearMonth MonthOf(CliInvocation input, string verb)
    {
        var text = input.Option("month")!;
        return YearMonth.TryParse(text, out var month)
            ? month
            : throw new CliInputException($"{verb}: --month '{text}' is not a month (YYYY-MM)");
    }

    /// <summary>Checks that the month's report (or circular, <paramref name="what"/>) can be made: the month has ended and a task had started.</summary>
    /// <exception cref="CliInputException">The month has not ended, or no plan task had started by its end.</exception>
    public static async Task EnsureReportableAsync(
        string verb, string what, YearMonth month, OverdueReportService reports, PlanBotDbContext db, PlanClock clock, CancellationToken ct)
    {
        if (!reports.HasEnded(month))
        {
            throw new CliInputException(
                $"{verb}: {month} has not ended yet (today is {Iso(clock.Today)}); its {what} can be made from {Iso(month.LastDay.AddDays(1))}");
        }

        if (!await db.Tasks.AnyAsync(t => t.StartDate <= month.LastDay, ct))
        {
            throw new CliInputException($"{verb}: no plan task had started by the end of {month}");
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The language of --lang; Chinese when it is not given.</summary>
    /// <exception cref="CliInputException">Neither zh nor en.</exception>
    public static string LanguageOf(CliInvocation input, string verb) =>
        input.Option(Language.Name) is not { } text
            ? Languages.Chinese
            : Languages.TryParse(text, out var language) && text.Trim().Length > 0
                ? language
                : throw new CliInputException($"{verb}: --lang '{text}' is not a language (zh or en)");

    /// <summary>
    /// The full path of a file the verb will write, checked before any work is done: the right extension, and a folder
    /// that exists. A relative path is taken from the current directory.
    /// </summary>
    /// <exception cref="CliInputException">The extension is wrong or the folder does not exist.</exception>
    public static string OutputPath(string verb, string option, string path, string extension)
    {
        var full = Path.GetFullPath(path);
        if (!string.Equals(Path.GetExtension(full), extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException($"{verb}: --{option} '{path}' must name a {extension} file");
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new CliInputException($"{verb}: --{option} '{path}': the folder {folder} does not exist");
        }

        return full;
    }

    /// <summary>Writes the whole file at once, so a failure never leaves half a workbook behind.</summary>
    /// <exception cref="CliInputException">The file cannot be written (read-only, a folder of that name, no space …).</exception>
    public static async Task WriteAsync(string verb, string fullPath, byte[] content, CancellationToken ct)
    {
        try
        {
            await File.WriteAllBytesAsync(fullPath, content, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{verb}: cannot write {fullPath}: {e.Message}");
        }
    }
}
