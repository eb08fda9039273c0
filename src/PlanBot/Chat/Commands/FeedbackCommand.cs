using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Texts;

namespace PlanBot.Chat.Commands;

/// <summary>
/// /feedback text: any member's suggestion or complaint (意见建议) about the work or the bot. It is kept (`feedback list`
/// on the CLI) and sent to every admin the bot can reach, in their language.
/// </summary>
public sealed class FeedbackCommand(PlanClock clock) : IChatCommand
{
    public string Name => "feedback";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var text = PlainText.Clean(r.Arguments).Trim();
        if (text.Length == 0)
        {
            return r.Usage(r.T["error.feedbackMissing"], Name);
        }

        if (text.Length > Feedback.MaxLength)
        {
            return r.Answer(r.T.Format("error.feedbackTooLong", Feedback.MaxLength, text.Length));
        }

        r.Db.Feedback.Add(new Feedback { MemberId = r.Member.Id, Text = text, CreatedAtUtc = clock.UtcNow });
        var admins = (await r.Db.Members.ToListAsync(ct))
            .Where(m => m.Has(MemberRoles.Admin) && m.Id != r.Member.Id && m.ChatId is not null && m.Reachable)
            .OrderBy(m => m.Id)
            .ToList();
        var toAdmins = admins.Select(admin => new OutgoingMessage(
            admin.ChatId!.Value,
            TextSet.For(admin.Language).Format("feedback.toAdmin", r.Member.Name, r.Member.Unit, text))
        {
            RecipientMemberId = admin.Id,
        });
        var thanks = r.Answer(r.T.Format(admins.Count == 0 ? "feedback.keptOnly" : "feedback.thanks", admins.Count));
        return thanks with { Messages = [.. thanks.Messages, .. toAdmins] };
    }
}
