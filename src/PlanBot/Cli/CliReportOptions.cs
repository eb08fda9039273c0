using PlanBot.Plans;

namespace PlanBot.Cli;

/// <summary>What the report verbs share: the --lang option and the files they write (--out, --chart).</summary>
public static class CliReportOptions
{
    public static CliOption Language { get; } = new("lang", "zh|en");

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
