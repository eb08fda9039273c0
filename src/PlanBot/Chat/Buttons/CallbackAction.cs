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
}

/// <summary>
/// What a button does, as its (unsigned) payload: "p:12:50", "d:12", "b:12", "e:12", "xa:12:20250331:20241231",
/// "xr:12:20250331:20241231". Extension decisions name the task and the requested date, so the button exists before
/// the request row has an id, and the deadline the supervisor was shown (<see cref="Shown"/>), so an approval made
/// before a later deadline change is asked again; buttons made before that have no shown date ("xa:12:20250331").
/// </summary>
public sealed record CallbackAction(CallbackVerb Verb, int TaskId, int Percent = 0, DateOnly? Deadline = null, DateOnly? Shown = null)
{
    public string ToPayload() => Verb switch
    {
        CallbackVerb.Percent => $"p:{TaskId}:{Percent}",
        CallbackVerb.Done => $"d:{TaskId}",
        CallbackVerb.Blocked => $"b:{TaskId}",
        CallbackVerb.Extend => $"e:{TaskId}",
        CallbackVerb.Approve => $"xa:{TaskId}:{Deadline:yyyyMMdd}{ShownPart}",
        _ => $"xr:{TaskId}:{Deadline:yyyyMMdd}{ShownPart}",
    };

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
            ("p", 3) when int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100
                => new CallbackAction(CallbackVerb.Percent, taskId, percent),
            ("d", 2) => new CallbackAction(CallbackVerb.Done, taskId),
            ("b", 2) => new CallbackAction(CallbackVerb.Blocked, taskId),
            ("e", 2) => new CallbackAction(CallbackVerb.Extend, taskId),
            ("xa" or "xr", 3) when Date(parts[2]) is { } date
                => new CallbackAction(parts[0] == "xa" ? CallbackVerb.Approve : CallbackVerb.Refuse, taskId, Deadline: date),
            ("xa" or "xr", 4) when Date(parts[2]) is { } date && Date(parts[3]) is { } shown
                => new CallbackAction(parts[0] == "xa" ? CallbackVerb.Approve : CallbackVerb.Refuse, taskId, Deadline: date, Shown: shown),
            _ => null,
        };
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
