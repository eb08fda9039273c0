using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PlanBot.Texts;

namespace PlanBot.DingTalk;

/// <summary>
/// Turns a PlanBot text (Telegram's HTML subset, see <see cref="Html"/>) into the markdown of a DingTalk robot message
/// (msgKey <c>sampleMarkdown</c>, msgParam <c>{ "title", "text" }</c>): <see cref="From"/> for the text,
/// <see cref="Title"/> for the title, <see cref="Mention"/> for an @ in a group reply.
/// </summary>
/// <remarks>
/// <para>What DingTalk's robot markdown renders (the list in its message-type documentation,
/// https://open.dingtalk.com/document/orgapp/message-type and
/// https://open.dingtalk.com/document/development/robot-message-type): headings <c>#</c>…<c>######</c>, quotes
/// <c>&gt;</c>, <c>**bold**</c>, <c>*italic*</c>, <c>[text](url)</c>, images <c>![](url)</c>, <c>- </c> and
/// <c>1. </c> lists, and some HTML such as <c>&lt;font color=…&gt;</c>. Inline code is not in that list, so
/// <c>&lt;code&gt;</c> and <c>&lt;pre&gt;</c> become plain text.</para>
/// <para>Line breaks: a single "\n" does not start a new line in DingTalk's markdown (reported in
/// https://github.com/blinkbean/dingtalk/issues/2 and https://github.com/AstrBotDevs/AstrBot/discussions/10570), and
/// DingTalk's own list advises spaces around "\n" for a line break. So two lines that follow each other get the
/// markdown hard break "  \n" (two spaces, then the newline); an empty line stays a plain "\n" (a paragraph gap).</para>
/// <para>Text typed by users (task titles, notes) must show as written. Characters that markdown would read as markup
/// get a backslash (the CommonMark escape; prometheus-webhook-dingtalk escapes <c>_ * `</c> the same way for
/// DingTalk): everywhere <c>\ * _ ` [ ] &lt; ~</c>, and at the start of a line <c># &gt; - + =</c> and the dot of
/// "1." Leading spaces become no-break spaces so they cannot make an indented code block. Chinese text and emoji
/// are left alone. Not checked on a real DingTalk client: whether it shows every one of these escapes without the
/// backslash (see docs/dingtalk.md).</para>
/// </remarks>
public static partial class DingTalkMarkdown
{
    /// <summary>Longest <see cref="Title"/> in characters (user-perceived), "…" included.</summary>
    public const int TitleLimit = 20;

    /// <summary>The markdown hard break that keeps two lines apart in DingTalk (see the remarks).</summary>
    internal const string HardBreak = "  \n";

    private const char NoBreakSpace = '\u00A0';

    /// <summary>The markdown for <paramref name="html"/>, a text in PlanBot's Telegram HTML.</summary>
    public static string From(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var stack = new List<Element> { new("", null) };
        foreach (Match token in Token().Matches(html.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            if (token.Groups["name"].Success)
                HandleTag(stack, token.Groups["name"].Value.ToLowerInvariant(), token.Groups["close"].Length > 0,
                    token.Groups["attrs"].Value);
            else
                AppendText(stack, WebUtility.HtmlDecode(token.Value));
        }
        while (stack.Count > 1)
            Close(stack); // a tag left open: keep its text rather than lose it
        return JoinLines(stack[0].Content.ToString());
    }

    /// <summary>
    /// A short plain title for the chat list and the notification: the first line of <paramref name="html"/> that has
    /// text, tags removed and entities decoded, at most <see cref="TitleLimit"/> characters with "…" when cut;
    /// <paramref name="fallback"/> when the text has none (DingTalk needs a title).
    /// </summary>
    public static string Title(string html, string fallback = "PlanBot")
    {
        ArgumentNullException.ThrowIfNull(html);
        var line = Html.ToPlainText(html).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null)
            return fallback;
        // Counted in text elements, so an emoji or a character outside the BMP is never cut in half.
        var elements = StringInfo.ParseCombiningCharacters(line);
        return elements.Length <= TitleLimit ? line : line[..elements[TitleLimit - 1]] + "…";
    }

    /// <summary>
    /// The text that @s someone in a group message: "@" and their staff id (userid) or mobile number, to be placed in
    /// the markdown text. It only notifies when the same id is also in the message's @ list (<c>at.atUserIds</c> for a
    /// staff id, <c>at.atMobiles</c> for a mobile), which only a reply through the incoming message's
    /// <c>sessionWebhook</c> has. The v1.0 robot group send (<c>/v1.0/robot/groupMessages/send</c>: robotCode,
    /// openConversationId, msgKey, msgParam, coolAppCode) has no @ list, so it cannot @ anyone; there the text would
    /// show as a plain "@…". The id is not escaped: DingTalk matches it as written.
    /// </summary>
    public static string Mention(string staffIdOrMobile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffIdOrMobile);
        var id = staffIdOrMobile.Trim();
        if (id.Any(char.IsWhiteSpace))
            throw new ArgumentException("A staff id or mobile number has no spaces.", nameof(staffIdOrMobile));
        return "@" + id;
    }

    private static void HandleTag(List<Element> stack, string name, bool closing, string attributes)
    {
        if (name == "br")
        {
            stack[^1].Content.Append('\n');
            return;
        }
        if (!closing)
        {
            stack.Add(new Element(name, name == "a" ? Href(attributes) : null));
            return;
        }
        // A closing tag closes everything opened after its opening tag; one without an opening tag is dropped.
        var open = stack.FindLastIndex(e => e.Name == name);
        if (open < 1)
            return;
        while (stack.Count > open)
            Close(stack);
    }

    private static void Close(List<Element> stack)
    {
        var element = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        var content = element.Content.ToString();
        stack[^1].Content.Append(element.Name switch
        {
            "b" or "strong" => Wrap(content, "**"),
            // '*' rather than '_': an underscore between two Chinese characters does not start emphasis in markdown.
            "i" or "em" => Wrap(content, "*"),
            "a" => Link(content, element.Href),
            "blockquote" => string.Join('\n', content.Split('\n').Select(line => "> " + line)),
            // <code>, <pre>, <u>, <s>, spoilers…: DingTalk has no markup for them, so their text stays as it is.
            _ => content,
        });
    }

    /// <summary>
    /// Wraps each line on its own (emphasis cannot span lines) and keeps spaces outside the marks ("** x **" is not
    /// bold in markdown); an empty element gives no marks at all ("****" would be read as a rule).
    /// </summary>
    private static string Wrap(string content, string mark) =>
        string.Join('\n', content.Split('\n').Select(line =>
        {
            var core = line.Trim(' ', NoBreakSpace, '\t');
            if (core.Length == 0)
                return line;
            var start = line.IndexOf(core, StringComparison.Ordinal);
            return line[..start] + mark + core + mark + line[(start + core.Length)..];
        }));

    private static string Link(string content, string? href)
    {
        // Only web and DingTalk links open in DingTalk; a tg:// link (a Telegram user) keeps just its text.
        if (href is null || !SafeLink().IsMatch(href))
            return content;
        var text = content.Replace('\n', ' ').Trim();
        if (text.Length == 0)
            text = EscapeText(href, atLineStart: false);
        // A space or a parenthesis would end the link target early.
        var target = href.Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal);
        return "[" + text + "](" + target + ")";
    }

    private static string? Href(string attributes)
    {
        var match = HrefAttribute().Match(attributes);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["url"].Value).Trim() : null;
    }

    private static void AppendText(List<Element> stack, string text) =>
        stack[^1].Content.Append(EscapeText(text, AtLineStart(stack)));

    /// <summary>
    /// Whether text appended now starts a line of the result. An open element's text counts as at a line start when
    /// everything before it is: that may escape a character inside bold needlessly, which still shows as written.
    /// </summary>
    private static bool AtLineStart(List<Element> stack)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var content = stack[i].Content;
            if (content.Length > 0)
                return content[^1] == '\n';
        }
        return true;
    }

    private static string EscapeText(string text, bool atLineStart)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                result.Append(c);
                atLineStart = true;
                continue;
            }
            if (atLineStart)
            {
                if (c is ' ' or '\t')
                {
                    result.Append(NoBreakSpace);
                    continue;
                }
                atLineStart = false;
                if (c is '#' or '>' or '-' or '+' or '=')
                {
                    // A heading, a quote, a list item, a rule or a heading underline.
                    result.Append('\\').Append(c);
                    continue;
                }
                if (char.IsAsciiDigit(c))
                {
                    // "1. " or "1) " would start a numbered list: escape the dot.
                    var end = i;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                        end++;
                    result.Append(text, i, end - i);
                    if (end < text.Length && text[end] is '.' or ')')
                    {
                        result.Append('\\').Append(text[end]);
                        end++;
                    }
                    i = end - 1;
                    continue;
                }
            }
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '~'
                || (c == '&' && EntityAhead().IsMatch(text, i)))
                result.Append('\\');
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>Puts the hard break between two lines that both have text (see the remarks).</summary>
    private static string JoinLines(string markdown)
    {
        var lines = markdown.Split('\n');
        var result = new StringBuilder(markdown.Length + lines.Length * 2);
        for (var i = 0; i < lines.Length; i++)
        {
            result.Append(lines[i]);
            if (i == lines.Length - 1)
                break;
            var bothHaveText = !string.IsNullOrWhiteSpace(lines[i]) && !string.IsNullOrWhiteSpace(lines[i + 1]);
            result.Append(bothHaveText ? HardBreak : "\n");
        }
        return result.ToString();
    }

    private sealed record Element(string Name, string? Href)
    {
        public StringBuilder Content { get; } = new();
    }

    /// <summary>A tag (name, and whether it closes), else a run of text; a lone "&lt;" is text.</summary>
    [GeneratedRegex(@"<(?<close>/?)(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attrs>[^>]*)>|<|[^<]+")]
    private static partial Regex Token();

    [GeneratedRegex("""href\s*=\s*(?:"(?<url>[^"]*)"|'(?<url>[^']*)')""", RegexOptions.IgnoreCase)]
    private static partial Regex HrefAttribute();

    [GeneratedRegex(@"^(?:https?://|dingtalk://)", RegexOptions.IgnoreCase)]
    private static partial Regex SafeLink();

    /// <summary>"&amp;" that starts something markdown would decode as an entity ("&amp;lt;", "&amp;#42;").</summary>
    [GeneratedRegex(@"\G&#?[A-Za-z0-9]+;")]
    private static partial Regex EntityAhead();
}
