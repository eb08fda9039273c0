using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PlanBot.Cli;

/// <summary>--json output: camelCase, indented, Chinese and the light emoji left readable (not \uXXXX-escaped).</summary>
public static partial class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(TextWriter writer, T value) =>
        writer.WriteLine(UnescapeSurrogatePairs(JsonSerializer.Serialize(value, Options)));

    /// <summary>
    /// Every System.Text.Json encoder escapes characters outside the basic plane (🔴 becomes \uD83D\uDD34);
    /// writing them back as characters is the same JSON. An escaped backslash before "u" is left alone.
    /// </summary>
    private static string UnescapeSurrogatePairs(string json) =>
        SurrogatePair().Replace(json, m => m.Groups["lead"].Value + new string(
        [
            (char)int.Parse(m.Groups["high"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            (char)int.Parse(m.Groups["low"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        ]));

    [GeneratedRegex(@"(?<!\\)(?<lead>(?:\\\\)*)\\u(?<high>D[89AB][0-9A-F]{2})\\u(?<low>D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase)]
    private static partial Regex SurrogatePair();
}
