using System.Globalization;
using System.Text.RegularExpressions;
using PlanBot.Texts;
using PlanBot.Plans;

namespace PlanBot.Chat.Progress;

/// <summary>Either an understood input or the text key (and arguments) of what is wrong with it.</summary>
public sealed record ProgressParse(ProgressInput? Input, string? ErrorKey = null, params object?[] ErrorArgs)
{
    public bool Ok => Input is not null;

    public static ProgressParse Error(string key, params object?[] args) => new(null, key, args);
}

/// <summary>
/// Reads progress the way owners write it: "60 已完成招标" → 60 % + note, "60%", "5200名" → a value toward the target,
/// "完成"/"done" → done, anything else → a note. Pure, so every case is unit tested.
/// </summary>
public static partial class ProgressText
{
    public const int NoteLimit = 1000;

    private static readonly HashSet<string> DoneWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "完成", "已完成", "完成了", "已办结", "办结", "done", "finished", "complete", "completed",
    };

    /// <summary>A plain reply to a message about <paramref name="task"/>: a bare number is a percent.</summary>
    public static ProgressParse ParseReply(string text, PlanTask task) => Parse(text, task, bareNumberIsValue: false, numberRequired: false);

    /// <summary>The arguments of /progress after the code: a bare number is a value when the task has a target.</summary>
    public static ProgressParse ParseCommand(string text, PlanTask task) => Parse(text, task, bareNumberIsValue: task.HasTarget, numberRequired: true);

    /// <summary>Null when the note is acceptable, else the error.</summary>
    public static ProgressParse? CheckNote(string? note) =>
        note is { Length: > NoteLimit } ? ProgressParse.Error("error.noteTooLong", NoteLimit, note.Length) : null;

    private static ProgressParse Parse(string text, PlanTask task, bool bareNumberIsValue, bool numberRequired)
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

        var match = NumberFirst().Match(text);
        if (!match.Success)
        {
            return numberRequired ? ProgressParse.Error("error.progressNumber") : Note(text);
        }

        var rest = text[match.Length..];
        var unit = task.TargetUnit?.Trim();
        var hasPercent = match.Groups["pct"].Success;
        var hasUnit = false;
        if (!hasPercent && !string.IsNullOrEmpty(unit) && rest.TrimStart().StartsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            hasUnit = true;
            rest = rest.TrimStart()[unit.Length..];
        }

        // "2024年底前完成" starts with a number but is a sentence: in a reply only a separated number counts.
        if (!numberRequired && !hasPercent && !hasUnit && rest.Length > 0 && !IsSeparator(rest[0]))
        {
            return Note(text);
        }

        var note = PlainText.Clean(rest).TrimStart(' ', '\t', '\n', ',', '，', ':', '：', ';', '；', '、', '-', '—', '.', '。').Trim();
        if (CheckNote(note) is { } tooLong)
        {
            return tooLong;
        }

        var numberText = match.Groups["num"].Value.Replace('−', '-');
        if (!decimal.TryParse(numberText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return ProgressParse.Error("error.progressNumber");
        }

        if (number < 0)
        {
            return ProgressParse.Error("error.negative");
        }

        var noteOrNull = note.Length == 0 ? null : note;
        if (hasUnit || (!hasPercent && bareNumberIsValue && task.HasTarget))
        {
            if (!task.HasTarget)
            {
                return ProgressParse.Error("error.noTarget", task.Code);
            }

            var percent = (int)Math.Min(100m, Math.Round(number / task.TargetValue!.Value * 100m, MidpointRounding.AwayFromZero));
            return new(new ProgressInput(ProgressKind.Value, percent, number, noteOrNull));
        }

        if (number > 100)
        {
            return task.HasTarget
                ? ProgressParse.Error("error.percentRangeWithTarget", TextSet.Number(number), task.TargetUnit)
                : ProgressParse.Error("error.percentRange", TextSet.Number(number));
        }

        return new(new ProgressInput(ProgressKind.Percent, (int)Math.Round(number, MidpointRounding.AwayFromZero), null, noteOrNull));
    }

    private static ProgressParse Note(string text) =>
        CheckNote(text) ?? new ProgressParse(new ProgressInput(ProgressKind.Note, Note: text));

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || ",，:：;；、-—.。".Contains(c, StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<num>[-+−]?\d+(?:\.\d+)?)(?:\s*(?<pct>[%％]))?")]
    private static partial Regex NumberFirst();
}
