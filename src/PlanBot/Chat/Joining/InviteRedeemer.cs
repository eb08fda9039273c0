using PlanBot.Texts;
using PlanBot.Invites;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Chat.Joining;

/// <summary>
/// /start &lt;code&gt; (or the code alone) from someone not yet linked: <see cref="InviteService"/> links their account to the
/// invite's member, once; this turns its outcome into the answer, and keeps guessers out (<see cref="InviteAttemptLimiter"/>).
/// </summary>
public sealed partial class InviteRedeemer(InviteService invites, InviteAttemptLimiter limiter)
{
    /// <summary>Telegram's start parameter is at most 64 characters; anything longer cannot be a code.</summary>
    private const int MaxCodeLength = 64;

    public async Task<ChatResponse> RedeemAsync(PlanBotDbContext db, InboundMessage message, string code, CancellationToken ct)
    {
        var stranger = TextSet.ForStranger(message.FromLanguageCode);
        if (!message.IsPrivateChat)
        {
            return Answer(message, stranger["join.privateOnly"]);
        }

        if (limiter.IsLockedOut(message.FromUserId))
        {
            return Answer(message, stranger["join.tooManyAttempts"]);
        }

        code = code.Trim();
        var result = code.Length is 0 or > MaxCodeLength
            ? new RedeemResult(RedeemOutcome.UnknownCode)
            : await invites.RedeemAsync(db, code, message.FromUserId, message.ChatId, ct);
        switch (result.Outcome)
        {
            case RedeemOutcome.Joined:
                var member = result.Member!;
                var t = TextSet.For(member.Language);
                return new ChatResponse([
                    new OutgoingMessage(message.ChatId, t.Format("join.welcome", member.Name, member.Unit) + "\n" + t["join.next"])
                    {
                        RecipientMemberId = member.Id,
                    },
                ]);
            case RedeemOutcome.UnknownCode:
                limiter.RecordFailure(message.FromUserId);
                return Answer(message, stranger["join.badCode"]);
            case RedeemOutcome.AlreadyUsed:
                return Answer(message, stranger["join.usedCode"]);
            case RedeemOutcome.Expired:
                return Answer(message, stranger["join.expiredCode"]);
            default:
                // AccountLinkedToOther: the router sends linked accounts to /start, so only a race gets here.
                return Answer(message, stranger["join.usedCode"]);
        }
    }

    /// <summary>Whether a stranger's text is nothing but something shaped like an invite code (22 URL-safe characters today).</summary>
    public static bool IsCodeAlone(string? text) => text is not null && CodeShape().IsMatch(text.Trim());

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

    private static ChatResponse Answer(InboundMessage message, string html) => new([new OutgoingMessage(message.ChatId, html)]);
}
