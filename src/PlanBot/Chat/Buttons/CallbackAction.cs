using System.Globalization;

namespace PlanBot.Chat.Buttons;

public enum CallbackVerb
{
    Percent,
    Done,
    Blocked,
    Extend,
    Approve,
    Refuse,

    /// <summary>The answer to "reopen?" after a percent was pressed on a done task, or "withdraw?" on one awaiting close-out.</summary>
    Reopen,

    /// <summary>签收: the owner signs for a 提示单 or 督办单 ("ns:2024:s12", the notice's year, kind and number).</summary>
    SignNotice,

    /// <summary>反馈: the owner is asked for progress and measures in reply to a notice ("nr:2024:h3").</summary>
    ReplyNotice,

    /// <summary>销号: a supervisor confirms an owner's request to close the task.</summary>
    CloseOut,

    /// <summary>退回: a supervisor sends the request to close back; the reason is asked next.</summary>
    ReturnCloseOut,
}

/// <summary>
/// What a button does, as its (unsigned) payload: "p:12:50:7", "d:12:7", "b:12", "e:12", "r:12:50:8", "xa:12:20250331:20241231",
/// "xr:12:20250331:20241231". Extension decisions name the task and the requested date, so the button exists before
/// the request row has an id, and the deadline the supervisor was shown (<see cref="Shown"/>), so an approval made
/// before a later deadline change is asked again; buttons made before that have no shown date ("xa:12:20250331").
/// Percent, done and reopen buttons of a card carry the task's <see cref="Plans.PlanTask.Version"/> when the card was
/// made, so a stale card is told apart; buttons without one ("p:12:50", reminders) act on the task as it is.
/// Close-out decisions ("ca:12:2", "cr:12:2") name the request they decide by its number among the task's requests
/// (<see cref="Request"/>: the task's second 申请销号 is 2), so a button of a request already decided, withdrawn or asked
/// again is told apart from the request now waiting.
/// </summary>
public sealed record CallbackAction(
    CallbackVerb Verb, int TaskId, int Percent = 0, DateOnly? Deadline = null, DateOnly? Shown = null, int? Version = null, int Request = 0,
    Supervision.NoticeNumber? Notice = null)
{
    public string ToPayload() => Verb switch
    {
        CallbackVerb.Percent => $"p:{TaskId}:{Percent}{VersionPart}",
        CallbackVerb.Done => $"d:{TaskId}{VersionPart}",
        CallbackVerb.Reopen => $"r:{TaskId}:{Percent}{VersionPart}",
        CallbackVerb.Blocked => $"b:{TaskId}",
        CallbackVerb.Extend => $"e:{TaskId}",
        CallbackVerb.Approve => $"xa:{TaskId}:{Deadline:yyyyMMdd}{ShownPart}",
        CallbackVerb.SignNotice => $"ns:{Notice!.Value.ToPayload()}",
        CallbackVerb.ReplyNotice => $"nr:{Notice!.Value.ToPayload()}",
        CallbackVerb.CloseOut => $"ca:{TaskId}:{Request.ToString(CultureInfo.InvariantCulture)}",
        CallbackVerb.ReturnCloseOut => $"cr:{TaskId}:{Request.ToString(CultureInfo.InvariantCulture)}",
        _ => $"xr:{TaskId}:{Deadline:yyyyMMdd}{ShownPart}",
    };

    private string VersionPart => Version is { } version ? ":" + version.ToString(CultureInfo.InvariantCulture) : "";

    private string ShownPart => Shown is { } shown ? ":" + shown.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "";

    public static CallbackAction? Parse(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var taskId))
        {
            return null;
        }

        return (parts[0], parts.Length) switch
        {
            ("p", 3 or 4) when ParsePercent(parts[2]) is { } percent && ParseVersion(parts) is var (ok, version) && ok
                => new CallbackAction(CallbackVerb.Percent, taskId, percent, Version: version),
            ("r", 4) when ParsePercent(parts[2]) is { } percent && ParseVersion(parts) is (true, { } version)
                => new CallbackAction(CallbackVerb.Reopen, taskId, percent, Version: version),
            ("d", 2 or 3) when ParseVersion(parts) is var (ok, version) && ok => new CallbackAction(CallbackVerb.Done, taskId, Version: version),
            ("b", 2) => new CallbackAction(CallbackVerb.Blocked, taskId),
            ("e", 2) => new CallbackAction(CallbackVerb.Extend, taskId),
            ("ns" or "nr", 3) when Supervision.NoticeNumber.Parse(taskId, parts[2]) is { } notice
                => new CallbackAction(parts[0] == "ns" ? CallbackVerb.SignNotice : CallbackVerb.ReplyNotice, 0, Notice: notice),
            ("xa" or "xr", 3) when Date(parts[2]) is { } date
                => new CallbackAction(parts[0] == "xa" ? CallbackVerb.Approve : CallbackVerb.Refuse, taskId, Deadline: date),
            ("xa" or "xr", 4) when Date(parts[2]) is { } date && Date(parts[3]) is { } shown
                => new CallbackAction(parts[0] == "xa" ? CallbackVerb.Approve : CallbackVerb.Refuse, taskId, Deadline: date, Shown: shown),
            ("ca" or "cr", 3) when int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var request) && request > 0
                => new CallbackAction(parts[0] == "ca" ? CallbackVerb.CloseOut : CallbackVerb.ReturnCloseOut, taskId, Request: request),
            _ => null,
        };
    }

    private static int? ParsePercent(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100 ? percent : null;

    /// <summary>The version after the fixed parts of a percent, done or reopen payload: (true, null) when there is none.</summary>
    private static (bool Ok, int? Version) ParseVersion(string[] parts)
    {
        var fixedParts = parts[0] == "d" ? 2 : 3;
        if (parts.Length == fixedParts)
        {
            return (true, null);
        }

        return int.TryParse(parts[fixedParts], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? (true, version) : (false, null);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
