

namespace PlanBot.Plans;

/// <summary>
/// A member on one channel: their user id there (unique: a channel user is one member) and, once known, the private chat
/// the bot has with them. On Telegram and DingTalk alike the private chat is addressed by the user id, but it is only
/// known to work once the person has written to the bot (Telegram) or was linked by an admin (DingTalk lets a robot
/// write first to anyone in its app's visible range).
/// </summary>
public sealed class MemberContact
{
    public int Id { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }

    /// <summary>The channel and the person's id on it (Telegram's user id, DingTalk's staff id).</summary>
    public ChatAddress UserId { get; set; }

    public ChatAddress? PrivateChat { get; set; }

    public DateTime LinkedAtUtc { get; set; }

    public static MemberContact Telegram(long userId, DateTime linkedAtUtc = default) =>
        new() { UserId = ChatAddress.Telegram(userId), LinkedAtUtc = linkedAtUtc };

    /// <summary>A Telegram user id as typed on the CLI or in a roster: a positive whole number.</summary>
    public static ChatAddress? ParseTelegramUserId(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? ChatAddress.Telegram(id)
            : null;

    public const string TelegramUserIdShape = "a Telegram user id (a positive whole number)";

    /// <summary>A DingTalk staff id (userid) as typed: up to 64 letters, digits, '_', '-' or '$' (what DingTalk hands out).</summary>
    public static ChatAddress? ParseDingTalkUserId(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$') ? ChatAddress.DingTalk(text) : null;

    public const string DingTalkUserIdShape = "a DingTalk staff id (userid: up to 64 letters, digits, '_', '-' or '$')";

    /// <summary>A DingTalk staff id: the robot can write to it at once, so it is the private chat too.</summary>
    public static MemberContact DingTalk(string staffId, DateTime linkedAtUtc = default) =>
        new() { UserId = ChatAddress.DingTalk(staffId), PrivateChat = ChatAddress.DingTalk(staffId), LinkedAtUtc = linkedAtUtc };
}
