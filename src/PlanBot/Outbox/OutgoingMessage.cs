using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>
/// What a feature says to a person or a group, free of Telegram types: the outbox stores it and a transport sends it.
/// </summary>
/// <param name="ChatId">The chat on its channel (a member's private chat or a subscribed group).</param>
/// <param name="Text">HTML (Telegram's subset, the one text model; DingTalk renders it as markdown), already escaped by the feature that wrote it.</param>
public sealed record OutgoingMessage(ChatAddress ChatId, string Text)
{
    /// <summary>The member the chat belongs to, so a 403 can mark them unreachable; null for groups.</summary>
    public int? RecipientMemberId { get; init; }

    /// <summary>Inline keyboard: rows of buttons.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> Buttons { get; init; } = [];

    public Attachment? Attachment { get; init; }

    /// <summary>"This message is about task X": a reply to it is taken as an update to that task.</summary>
    public int? TaskId { get; init; }

    /// <summary>
    /// The tasks a message about several tasks lists (a reminder, /my): a reply to it that names none of them is
    /// answered with these tasks and their buttons.
    /// </summary>
    public IReadOnlyList<int> ListedTaskIds { get; init; } = [];

    /// <summary>
    /// Set when the feature waits for an answer to this very message (a ⚠️/⏰ question): a reply to it carries the
    /// key back (<see cref="SentMessages.FindAsync"/>), however many questions are open in the chat.
    /// </summary>
    public Guid? ReplyKey { get; init; }

    /// <summary>
    /// An answer to the person who just wrote in this chat (set by the inbound handler): the sender takes chats with an
    /// answer waiting ahead of bulk messages (a reminder fan-out, digests), so nobody waits behind a morning's reminders.
    /// </summary>
    public bool IsAnswer { get; init; }

    /// <summary>Edit this earlier bot message instead of sending a new one (e.g. a card after a button press).</summary>
    public long? EditMessageId { get; init; }
}

/// <summary>An inline button; <see cref="Data"/> is callback data (≤ 64 bytes), or a link for <see cref="ButtonKind.Url"/> and <see cref="ButtonKind.WebApp"/>.</summary>
public sealed record Button(string Label, string Data, ButtonKind Kind = ButtonKind.Callback)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLink => Kind != ButtonKind.Callback;
}

public enum ButtonKind
{
    /// <summary>Pressing it sends <see cref="Button.Data"/> back to the bot.</summary>
    Callback,

    /// <summary>Opens <see cref="Button.Data"/> in the browser.</summary>
    Url,

    /// <summary>
    /// Opens <see cref="Button.Data"/> as a Telegram Mini App, which hands the page signed user data (initData); only
    /// Telegram has it, so other channels show it as a plain link.
    /// </summary>
    WebApp,
}

public enum AttachmentKind
{
    Document,
    Photo,
}

/// <summary>A file sent with (or as) the message; the text becomes its caption when short enough.</summary>
public sealed record Attachment(string FileName, byte[] Content, AttachmentKind Kind);
