using System.Globalization;
using System.Text.RegularExpressions;
using PlanBot.Texts;
using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

/// <summary>
/// Either an understood input or the text key (and arguments) of what is wrong with it. <see cref="TypedPercent"/> is
/// the percent as typed when it had to be rounded to the whole percent recorded, so the answer can say so.
/// </summary>
public sealed record ProgressParse(ProgressInput? Input, string? ErrorKey = null, params object?[] ErrorArgs)
{
    public bool Ok => Input is not null;

    public decimal? TypedPercent { get; init; }

    public static ProgressParse Error(string key, params object?[] args) => new(null, key, args);
}

/// <summary>
/// Reads progress the way owners write it, the same way in a command and in a reply: "60 已完成招标" → 60 % + note,
/// "60%", a bare number or "5200名" on a task with a target → a value toward the target, "完成"/"done" → done, anything
/// else → a note. Numbers may have thousands separators ("3,000"), full-width digits and signs ("３０００", "６０％")
/// and the task's unit right after them ("48.56亿元"). A number glued to Latin letters ("60abc", "1e309") is an
/// error; one glued to Chinese text ("2024年底前完成") is a sentence, so a note (which /progress, needing a number,
/// refuses). A fraction of a percent is rounded to a whole one, never up to 100 %. Pure, so every case is unit tested.
/// </summary>
public static partial class ProgressText
{
    public const int NoteLimit = 1000;

    private static readonly HashSet<string> DoneWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "完成", "已完成", "完成了", "已办结", "办结", "done", "finished", "complete", "completed",
    };

    /// <summary>Units people write after a number; one that is not the task's unit is refused rather than taken as a note.</summary>
    private static readonly string[] KnownUnits =
    [
        "万平方米", "平方公里", "平方米", "万千瓦", "千瓦", "兆瓦", "万吨", "公里", "千米", "公顷", "亿元", "万元", "万人", "人次",
        "名", "人", "个", "家", "户", "项", "件", "台", "套", "座", "所", "条", "元", "亩", "吨", "米", "辆", "份", "场", "批",
    ];

    /// <summary>A plain reply to a message about <paramref name="task"/>.</summary>
    public static ProgressParse ParseReply(string text, PlanTask task) => Parse(text, task);

    /// <summary>The arguments of /progress after the code: read as a reply is, but a number is required.</summary>
    public static ProgressParse ParseCommand(string text, PlanTask task)
    {
        var parsed = Parse(text, task);
        if (parsed.Input is { Kind: ProgressKind.Note })
        {
            var trimmed = text.Trim();
            return NumberFirst().IsMatch(Normalise(trimmed))
                ? ProgressParse.Error("error.numberGlued", FirstWord(trimmed))
                : ProgressParse.Error("error.progressNumber");
        }

        return parsed;
    }

    /// <summary>
    /// The task code a message starts with, and the rest: "K-01 60 已完成招标" → ("K-01", "60 已完成招标"), so a reply or a
    /// plain message names its task as the arguments of /progress do. Only a code written with its hyphen counts
    /// ("k-1", "K-01:60"): in free text "H5 页面已上线" is a note, not task H-05.
    /// </summary>
    public static (string Code, string Remainder)? LeadingCode(string text)
    {
        text = text.Trim();
        var match = LeadingCodePattern().Match(text);
        return match.Success ? (PlanTask.NormaliseCode(match.Groups["code"].Value), text[match.Length..].Trim()) : null;
    }

    /// <summary>Null when the note is acceptable, else the error.</summary>
    public static ProgressParse? CheckNote(string? note) =>
        note is { Length: > NoteLimit } ? ProgressParse.Error("error.noteTooLong", NoteLimit, note.Length) : null;

    private static ProgressParse Parse(string text, PlanTask task)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return ProgressParse.Error("error.progressMissing");
        }

        if (DoneWords.Contains(text.TrimEnd('。', '.', '!', '！')))
        {
            return new(new ProgressInput(ProgressKind.Done));
        }

        // Full-width digits and signs are read as their ASCII forms, one character for one, so positions still match.
        var normal = Normalise(text);
        var match = NumberFirst().Match(normal);
        if (!match.Success)
        {
            return Note(text);
        }

        var numberText = match.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(numberText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return ProgressParse.Error("error.numberGlued", FirstWord(text));
        }

        if (number < 0)
        {
            return ProgressParse.Error("error.negative");
        }

        var after = match.Length;
        var hasPercent = match.Groups["pct"].Success;
        var unit = task.TargetUnit?.Trim();
        var hasUnit = false;
        if (!hasPercent)
        {
            var spaces = CountSpaces(text, after);
            if (!string.IsNullOrEmpty(unit) && text.AsSpan(after + spaces).StartsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                hasUnit = true;
                after += spaces + unit.Length;
            }
            else if (KnownUnits.FirstOrDefault(u => text.AsSpan(after + spaces).StartsWith(u, StringComparison.Ordinal)) is { } other
                     && EndsWord(normal, after + spaces + other.Length))
            {
                return task.HasTarget
                    ? ProgressParse.Error("error.unitMismatch", task.Code, other, unit)
                    : ProgressParse.Error("error.noTarget", task.Code);
            }
        }

        if (!EndsWord(normal, after))
        {
            // Glued to Latin letters or more digits ("60abc", "1e309", "1.2.3"): a mistyped number, not a note.
            // Glued to Chinese ("2024年底前完成"): a sentence that starts with a number.
            // After a percent sign or the unit, Chinese text is the note ("60%已完成招标").
            var next = normal[after];
            if (char.IsAsciiLetterOrDigit(next) || next is '.' or ',' or '%' or '_')
            {
                return ProgressParse.Error("error.numberGlued", FirstWord(text));
            }

            if (!hasPercent && !hasUnit)
            {
                return Note(text);
            }
        }

        var note = PlainText.Clean(text[after..]).TrimStart(' ', '\t', '\n', ',', '，', ':', '：', ';', '；', '、', '-', '—', '.', '。').Trim();
        if (CheckNote(note) is { } tooLong)
        {
            return tooLong;
        }

        var noteOrNull = note.Length == 0 ? null : note;
        if (hasUnit || (!hasPercent && task.HasTarget))
        {
            var percent = WholePercent(number / task.TargetValue!.Value * 100m);
            return new(new ProgressInput(ProgressKind.Value, percent, number, noteOrNull));
        }

        if (number > 100)
        {
            return task.HasTarget
                ? ProgressParse.Error("error.percentRangeWithTarget", TextSet.Number(number), task.TargetUnit)
                : ProgressParse.Error("error.percentRange", TextSet.Number(number));
        }

        var whole = WholePercent(number);
        return new(new ProgressInput(ProgressKind.Percent, whole, null, noteOrNull)) { TypedPercent = whole == number ? null : number };
    }

    /// <summary>A whole percent: rounded half away from zero, at most 100, and never 100 for less than 100 (the task is still open).</summary>
    private static int WholePercent(decimal percent)
    {
        if (percent >= 100m)
        {
            return 100;
        }

        var rounded = (int)Math.Round(percent, MidpointRounding.AwayFromZero);
        return Math.Min(rounded, 99);
    }

    private static ProgressParse Note(string text) =>
        CheckNote(text) ?? new ProgressParse(new ProgressInput(ProgressKind.Note, Note: text));

    private static int CountSpaces(string text, int from)
    {
        var i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i - from;
    }

    /// <summary>True at the end of the text or before a space or a separator that is not the start of more digits.</summary>
    private static bool EndsWord(string normal, int at) =>
        at >= normal.Length
        || char.IsWhiteSpace(normal[at])
        || (IsSeparator(normal[at]) && !(normal[at] is '.' or ',' && at + 1 < normal.Length && char.IsAsciiDigit(normal[at + 1])));

    private static string FirstWord(string text)
    {
        var end = text.IndexOfAny([' ', '\t', '\n', '\u3000']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Full-width digits, signs, point, comma and percent (and the minus sign) as ASCII, one character for one.</summary>
    private static string Normalise(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '０' and <= '９' => (char)(c - '０' + '0'),
                    '＋' => '+',
                    '－' or '−' => '-',
                    '．' => '.',
                    '，' => ',',
                    '％' => '%',
                    _ => c,
                };
            }
        });

    private static bool IsSeparator(char c) => ",，:：;；、-—.。".Contains(c, StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<code>[KkHhDd]-\d{1,3})(?:$|[\s,，:：;；、]+)")]
    private static partial Regex LeadingCodePattern();

    [GeneratedRegex(@"^(?<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s*(?<pct>%))?")]
    private static partial Regex NumberFirst();
}
