using System.Globalization;
using System.Text;

namespace PlanBot.Reports.Xlsx;

/// <summary>
/// How wide a text is in Excel's column unit (the width of a "0"): a Chinese character, a full-width sign or an emoji
/// takes about two, a Latin letter or a digit one.
/// </summary>
public static class TextWidth
{
    public static int Of(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n'))
        {
            var width = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                width += IsWide(rune) ? 2 : 1;
            }

            widest = Math.Max(widest, width);
        }

        return widest;
    }

    /// <summary>The text a cell shows, to measure it: dates as the number formats write them.</summary>
    public static string Shown(object? value) => value switch
    {
        null => "",
        DateOnly => "yyyy-mm-dd",
        DateTime => "yyyy-mm-dd hh:mm",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // The East Asian wide and full-width blocks (Unicode UAX #11), and the emoji above the Basic Multilingual Plane.
    private static bool IsWide(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => true, // Hangul Jamo
        >= 0x2600 and <= 0x27BF => true, // symbols and dingbats drawn as emoji (✅ ⚠)
        >= 0x2E80 and <= 0xA4CF => true, // CJK radicals, punctuation, kana, CJK ideographs, Yi
        >= 0xAC00 and <= 0xD7A3 => true, // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true, // CJK compatibility forms
        >= 0xFF00 and <= 0xFF60 => true, // full-width forms (，（）：)
        >= 0xFFE0 and <= 0xFFE6 => true, // full-width signs
        >= 0x1F300 => true, // emoji, CJK extensions
        _ => false,
    };
}
