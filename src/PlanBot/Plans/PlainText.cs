using System.Text;

namespace PlanBot.Plans;

/// <summary>
/// The one cleaning every stored text goes through (notes, reasons, names, titles; from chat, the CLI and imports):
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and invisible characters (zero-width
/// space, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator, other control characters
/// but line break and tab) are removed, so nobody can make a card read backwards or a name look like another.
/// Zero-width joiner and non-joiner stay: emoji sequences and some scripts need them.
/// </summary>
public static class PlainText
{
    public static string Clean(string text)
    {
        if (!text.Any(IsRemoved))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !IsRemoved(c)))
        {
            clean.Append(c);
        }

        return clean.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    public static bool IsRemoved(char c) => c switch
    {
        '\n' or '\t' => false,
        '\u200C' or '\u200D' => false,
        '\u061C' or '\u00AD' or '\u180E' or '\uFEFF' => true,
        >= '\u200B' and <= '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2060' and <= '\u2069' => true,
        >= '\uFFF9' and <= '\uFFFB' => true,
        _ => char.IsControl(c),
    };
}
