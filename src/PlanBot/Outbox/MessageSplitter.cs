using System.Text;

namespace PlanBot.Outbox;

/// <summary>
/// Cuts an HTML text (Telegram's subset) into parts that each fit a limit: at line ends where possible, never inside
/// a tag, an entity or a surrogate pair. Tags open at a cut are closed at the end of the part and reopened at the
/// start of the next, so every part parses on its own.
/// </summary>
public static class MessageSplitter
{
    public const int TextLimit = 4096;
    public const int CaptionLimit = 1024;

    public static IReadOnlyList<string> Split(string html, int limit = TextLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        if (html.Length <= limit)
        {
            return [html];
        }

        var parts = new List<string>();
        var open = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;

        foreach (var line in Lines(html))
        {
            var rest = line;
            while (rest.Length > 0)
            {
                var after = Track(open, rest);
                if (current.Length + rest.Length + ClosingLength(after) <= limit)
                {
                    current.Append(rest);
                    open = after;
                    hasContent = true;
                    break;
                }

                if (hasContent)
                {
                    parts.Add(current.Append(Closing(open)).ToString());
                    current.Clear().Append(Reopening(open));
                    hasContent = false;
                    continue;
                }

                // One line longer than a whole part: cut it where it is safe, leaving room to close what it opens.
                var room = limit - current.Length - ClosingLength(open);
                string chunk;
                while (true)
                {
                    chunk = rest[..SafeCut(rest, Math.Max(1, room))];
                    var overflow = current.Length + chunk.Length + ClosingLength(Track(open, chunk)) - limit;
                    if (overflow <= 0 || room <= 1)
                    {
                        break;
                    }

                    room -= overflow;
                }

                current.Append(chunk);
                open = Track(open, chunk);
                hasContent = true;
                rest = rest[chunk.Length..];
            }
        }

        if (hasContent)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    /// <summary>The first part of <paramref name="html"/> that fits <paramref name="limit"/>: for edits and captions, which cannot be split.</summary>
    public static string Trim(string html, int limit) => Split(html, limit)[0];

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>The open tags (their full opening text, outermost first) after <paramref name="text"/>.</summary>
    private static List<string> Track(List<string> open, string text)
    {
        var result = new List<string>(open);
        var at = text.IndexOf('<', StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = text.IndexOf('>', at);
            if (end < 0)
            {
                break;
            }

            var tag = text[at..(end + 1)];
            if (tag.StartsWith("</", StringComparison.Ordinal))
            {
                var name = TagName(tag[2..]);
                var index = result.FindLastIndex(t => TagName(t[1..]) == name);
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (!tag.EndsWith("/>", StringComparison.Ordinal))
            {
                result.Add(tag);
            }

            at = text.IndexOf('<', end);
        }

        return result;
    }

    private static string TagName(string afterBracket)
    {
        var end = afterBracket.IndexOfAny([' ', '>', '\n', '\t']);
        return (end < 0 ? afterBracket : afterBracket[..end]).ToLowerInvariant();
    }

    private static string Closing(List<string> open)
    {
        var closing = new StringBuilder();
        for (var i = open.Count - 1; i >= 0; i--)
        {
            closing.Append("</").Append(TagName(open[i][1..])).Append('>');
        }

        return closing.ToString();
    }

    private static int ClosingLength(List<string> open) => open.Sum(t => TagName(t[1..]).Length + 3);

    private static string Reopening(List<string> open) => string.Concat(open);

    /// <summary>
    /// Where to cut <paramref name="text"/> so the head is at most <paramref name="max"/> long: after a space when one is
    /// in the second half, else at the last safe position; past the limit only when a single tag is longer than it.
    /// </summary>
    private static int SafeCut(string text, int max)
    {
        var safe = new bool[text.Length + 1];
        var inTag = false;
        var inEntity = false;
        for (var i = 0; i < text.Length; i++)
        {
            safe[i] = !inTag && !inEntity && !char.IsLowSurrogate(text[i]);
            var c = text[i];
            if (inTag)
            {
                inTag = c != '>';
            }
            else if (inEntity)
            {
                inEntity = c != ';' && (char.IsAsciiLetterOrDigit(c) || c == '#');
            }
            else
            {
                inTag = c == '<';
                inEntity = c == '&';
            }
        }

        safe[text.Length] = true;
        safe[0] = false;

        var limit = Math.Min(max, text.Length);
        for (var i = limit; i > limit / 2; i--)
        {
            if (safe[i] && char.IsWhiteSpace(text[i - 1]))
            {
                return i;
            }
        }

        for (var i = limit; i > 0; i--)
        {
            if (safe[i])
            {
                return i;
            }
        }

        for (var i = limit + 1; i <= text.Length; i++)
        {
            if (safe[i])
            {
                return i;
            }
        }

        return text.Length;
    }
}
