

namespace PlanBot.Plans;

/// <summary>
/// A person on the roster, named by function (e.g. 投资科负责人), reached on Telegram and/or DingTalk once they join
/// (<see cref="Contacts"/>).
/// </summary>
public sealed class Member
{
    public int Id { get; set; }

    /// <summary>Unique on the roster; what admins type in /invite and on the CLI.</summary>
    public required string Name { get; set; }

    public string Unit { get; set; } = "";

    public MemberRoles Roles { get; set; }

    /// <summary>Who the member is on each channel: added when they join with an invite, by an admin, or as a configured admin.</summary>
    public List<MemberContact> Contacts { get; set; } = [];

    /// <summary>
    /// The private chat reminders and notices go to: the one the member last wrote from, so a person who moved from
    /// Telegram to DingTalk is followed there (one message per reminder, never one per channel).
    /// </summary>
    public ChatAddress? ChatId { get; set; }

    /// <summary>"zh" (default) or "en".</summary>
    public string Language { get; set; } = Languages.Chinese;

    /// <summary>False once the channel said the member cannot be reached (blocked the bot, outside the app's range); set back when they write again.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Reminders are paused up to and including this date (leave).</summary>
    public DateOnly? PausedUntil { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public bool Has(MemberRoles role) => (Roles & role) == role;

    /// <summary>
    /// Links the member to <paramref name="userId"/> (an admin's roster or CLI link), replacing what they had on that
    /// channel; false when it is already theirs. A DingTalk staff id is also a private chat the robot may write to at
    /// once, so it becomes where reminders go if the member had nowhere yet; a Telegram user has to write to the bot first.
    /// </summary>
    public bool LinkTo(ChatAddress userId, DateTime nowUtc)
    {
        if (Contacts.Any(c => c.UserId == userId))
        {
            return false;
        }

        Contacts.RemoveAll(c => c.UserId.Channel == userId.Channel);
        var contact = userId.Channel == Channel.DingTalk
            ? MemberContact.DingTalk(userId.Id, nowUtc)
            : new MemberContact { UserId = userId, LinkedAtUtc = nowUtc };
        Contacts.Add(contact);
        // Reminders that went to the replaced id on this channel follow the new one (on Telegram: once they write).
        ChatId = ChatId is null || ChatId.Value.Channel == userId.Channel ? contact.PrivateChat : ChatId;
        return true;
    }

    /// <summary>Whether the member is known on some channel (needs <see cref="Contacts"/> loaded).</summary>
    public bool IsLinked => Contacts.Count > 0;

    /// <summary>The member's id on <paramref name="channel"/>, if they are known there (needs <see cref="Contacts"/> loaded).</summary>
    public ChatAddress? UserOn(Channel channel) => Contacts.FirstOrDefault(c => c.UserId.Channel == channel)?.UserId;
}

public static class Languages
{
    public const string Chinese = "zh";
    public const string English = "en";

    public static bool TryParse(string? text, out string language)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "zh" or "zh-cn" or "cn" or "中文" or "":
                language = Chinese;
                return true;
            case "en" or "en-us" or "english" or "英文":
                language = English;
                return true;
            default:
                language = Chinese;
                return false;
        }
    }
}
