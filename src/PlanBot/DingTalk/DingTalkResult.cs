namespace PlanBot.DingTalk;

/// <summary>What one DingTalk API call came to. Calls never throw for DingTalk's or the network's failures.</summary>
public abstract record DingTalkResult
{
    private DingTalkResult()
    {
    }

    /// <summary>
    /// Accepted. <paramref name="ProcessQueryKey"/> identifies the send (for recall or read status); for an upload it is the media id.
    /// A batch send to users is Ok when at least one user got it; the others are listed here.
    /// </summary>
    public sealed record Ok(string? ProcessQueryKey) : DingTalkResult
    {
        /// <summary>Users DingTalk refused: not in the app's visible range, or unknown.</summary>
        public IReadOnlyList<string> InvalidUserIds { get; init; } = [];

        /// <summary>Users DingTalk skipped because they were sent to too often; worth sending to again later.</summary>
        public IReadOnlyList<string> FlowControlledUserIds { get; init; } = [];
    }

    /// <summary>Rate limited; try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : DingTalkResult;

    /// <summary>This recipient cannot be reached: the user is not in the app's visible range (or unknown to DingTalk).</summary>
    public sealed record Forbidden(string Error) : DingTalkResult;

    /// <summary>
    /// DingTalk refused the app itself, whoever the message was for: credentials refused (a rotated secret), a
    /// permission not granted, the organisation's monthly call quota used up. Nothing a recipient did; an admin must act.
    /// </summary>
    public sealed record AppRefused(string Error) : DingTalkResult;

    /// <summary>The request itself is wrong (bad ids, bad message parameters, bad media).</summary>
    public sealed record BadRequest(string Error) : DingTalkResult;

    /// <summary>Network failure, timeout or a DingTalk server error; retrying later may work.</summary>
    public sealed record Transient(string Error) : DingTalkResult;
}

/// <summary>Which kind of media an upload is; DingTalk sizes and checks them differently.</summary>
public enum DingTalkMediaKind
{
    File,
    Image,
}
