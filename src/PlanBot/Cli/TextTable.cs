using System.Globalization;
using System.Text;

namespace PlanBot.Cli;

/// <summary>Plain-text columns for a terminal, counting Chinese characters and emoji as two columns wide.</summary>
public static class TextTable
{
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => Width(r[i]))).ToList();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(row[i]);
                if (i < row.Count - 1)
                {
                    line.Append(' ', widths[i] - Width(row[i]) + 2);
                }
            }

            writer.WriteLine(line.ToString());
        }
    }

    private static int Width(string text)
    {
        var width = 0;
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var rune = Rune.GetRuneAt((string)e.Current, 0);
            width += rune.Value >= 0x1100 && (rune.Value <= 0x115F || rune.Value >= 0x2E80) || rune.Value is >= 0x2600 and <= 0x27BF ? 2 : 1;
        }

        return width;
    }
}
