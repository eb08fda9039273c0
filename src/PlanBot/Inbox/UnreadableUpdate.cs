namespace PlanBot.Inbox;

/// <summary>
/// An update the transport received but could not read (a field of the wrong type or out of range). It is kept in the
/// inbox as it arrived, marked <see cref="InboxState.Unreadable"/>, and never processed: one bad update must not hold
/// back the ones after it.
/// </summary>
/// <param name="UpdateId">The update's id when even that much could be read; null otherwise.</param>
/// <param name="RawJson">The update exactly as received.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record UnreadableUpdate(long? UpdateId, string RawJson, string Error);
