using System.Net;
using System.Text.RegularExpressions;

namespace PlanBot.Texts;

/// <summary>Telegram's HTML parse mode: escaping text into it, and reading a message back as plain text for a terminal.</summary>
/// <remarks>
/// Escapes the three characters Telegram's HTML mode reserves (and quotes, for attributes). Unlike
/// WebUtility.HtmlEncode it leaves emoji and CJK as they are, so texts stay readable in the database and on the console.
/// </remarks>
public static partial class Html
{
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text)
            ? ""
            : text.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// What a reader sees: tags removed first, entities decoded after, so a title written with angle brackets (escaped
    /// when the message was made) reads as written.
    /// </summary>
    public static string ToPlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    /// <summary><see cref="ToPlainText"/> cut to <paramref name="limit"/> characters (with "…" when cut).</summary>
    public static string ToPlainText(string html, int limit)
    {
        var text = ToPlainText(html);
        return text.Length <= limit ? text : text[..(limit - 1)] + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
