using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>
/// Delivers one outbox message over one channel (Telegram, DingTalk, or the console when neither is configured).
/// The <see cref="OutboxSender"/> owns order, rate limits and retries; a transport makes exactly one attempt
/// and says how it went. Texts arrive already split to fit (one call per part).
/// </summary>
public interface IMessageTransport
{
    /// <summary>
    /// The channel whose rows this transport sends; each channel has its own <see cref="OutboxSender"/> and limiter, so a
    /// paused channel never holds up another. Null: rows of any channel this transport <see cref="Reaches"/> (the console).
    /// </summary>
    Channel? Channel { get; }

    /// <summary>
    /// Whether this transport can reach <paramref name="chatId"/> at all. Rows it cannot reach stay pending for a run
    /// that can (the console reaches only the chats it shows; messages to Telegram chats wait for the bot).
    /// </summary>
    bool Reaches(ChatAddress chatId) => true;

    /// <summary>
    /// How many sends may be on their way at once, across chats (one per chat at most). Over a real network an answer
    /// takes 50–300 ms, so a channel that allows 30 messages a second needs several in flight to use it; each one is
    /// also a message a hard kill may repeat (docs/reliability.md). One keeps a channel strictly in order.
    /// </summary>
    int MaxInFlight => 1;

    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>How one delivery attempt ended.</summary>
public abstract record SendResult
{
    /// <summary>Delivered; the ids the channel gave the message (empty for a callback answer or a channel without ids).</summary>
    public static SendResult Success(params IReadOnlyList<long> messageIds) => new Sent(messageIds);

    public static SendResult Retry(TimeSpan after) => new RetryAfter(after);

    public static SendResult TransientFailure(string error) => new Transient(error);

    public static SendResult ForbiddenFailure(string error) => new Forbidden(error);

    public static SendResult BadRequestFailure(string error) => new BadRequest(error);

    public static SendResult MovedTo(ChatAddress newChatId) => new Moved(newChatId);

    public static SendResult ChannelRefused(string error, TimeSpan pause) => new Refused(error, pause);

    public sealed record Sent(IReadOnlyList<long> MessageIds) : SendResult;

    /// <summary>Flood control (429): the whole channel must wait this long.</summary>
    public sealed record RetryAfter(TimeSpan Delay) : SendResult;

    /// <summary>Network trouble, a timeout or a server error: try again later, never give up.</summary>
    public sealed record Transient(string Error) : SendResult;

    /// <summary>The recipient blocked the bot or is gone (403; on DingTalk: outside the app's visible range): give up and mark them unreachable.</summary>
    public sealed record Forbidden(string Error) : SendResult;

    /// <summary>The chat lives under a new id now (a group upgraded to a supergroup): send there instead.</summary>
    public sealed record Moved(ChatAddress NewChatId) : SendResult;

    /// <summary>
    /// The channel refused the bot itself, whoever the message was for (credentials, a permission, a quota): every send
    /// on the channel waits <paramref name="Pause"/> and the row is kept, nobody is marked unreachable; an admin must act.
    /// </summary>
    public sealed record Refused(string Error, TimeSpan Pause) : SendResult;

    /// <summary>The channel refused the message itself (400): retrying cannot help.</summary>
    public sealed record BadRequest(string Error) : SendResult;
}
