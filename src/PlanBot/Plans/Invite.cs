

namespace PlanBot.Plans;

/// <summary>A single-use, expiring code that links a Telegram or DingTalk account to a roster member.</summary>
public sealed class Invite
{
    public int Id { get; set; }

    /// <summary>Unique; goes into https://t.me/&lt;bot&gt;?start=&lt;code&gt; so only [A-Za-z0-9_-].</summary>
    public required string Code { get; set; }

    public int MemberId { get; set; }

    public Member? Member { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }

    /// <summary>Who redeemed it, on their channel.</summary>
    public ChatAddress? UsedBy { get; set; }

    public bool IsUsable(DateTime nowUtc) => UsedAtUtc is null && nowUtc < ExpiresAtUtc;
}
