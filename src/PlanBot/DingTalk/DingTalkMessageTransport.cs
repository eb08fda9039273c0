using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Storage;
using PlanBot.Texts;
using PlanBot.Plans;

namespace PlanBot.DingTalk;

/// <summary>
/// Sends one outbox part through DingTalk's robot: a private chat by the robot's send to users, a group by its group
/// send, the text rendered from the one HTML text model as DingTalk markdown. Buttons become an interactive card whose
/// presses come back over Stream with the same signed payloads as Telegram's; where a card is refused, the text goes
/// alone with a line saying what to reply instead. A file or image is uploaded first and sent as a file or image
/// message after its caption. (Split texts: DingTalk gives no message id to resume from, so a part that fails after
/// earlier parts went sends those again on retry.) DingTalk has no button toast, so a press's answer is a short message to the presser, and
/// no message edit, so a refreshed card is a new one. Throttling, an expired token (renewed and tried once more by the
/// client), a person outside the app's visible range and a refused message map to the outbox's 429, retry, 403 and 400.
/// </summary>
public sealed class DingTalkMessageTransport(DingTalkApi api, PlanBotDbContext db) : IMessageTransport
{
    /// <summary>15 messages a second at answers up to ~300 ms.</summary>
    public const int SendsInFlight = 5;

    /// <summary>How long the whole channel waits after DingTalk refused the app itself, before trying again.</summary>
    public static readonly TimeSpan AppRefusedPause = TimeSpan.FromMinutes(1);

    public Channel? Channel => Plans.Channel.DingTalk;

    public int MaxInFlight => SendsInFlight;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var target = DingTalkAddresses.Target(message.ChatId);
        if (message.AnswerCallbackQueryId is not null)
        {
            return message.Text.Length == 0
                ? SendResult.Success()
                : Map(await api.SendAsync(target, DingTalkMessages.Text(Html.ToPlainText(message.Text)), ct));
        }

        var markdown = DingTalkMarkdown.From(message.Text);
        var title = DingTalkMarkdown.Title(message.Text);
        var rows = message.Buttons();
        var links = rows.SelectMany(r => r).Where(b => b.IsLink).Select(b => $"[{b.Label}]({b.Data})").ToList();
        if (links.Count > 0)
        {
            markdown += DingTalkMarkdown.HardBreak + string.Join(" ", links);
        }

        // A file is uploaded before anything is posted: an upload that fails (throttled, a network fault) then costs a
        // retry nothing, where a caption already posted would be posted again.
        string? mediaId = null;
        var kind = message.AttachmentKind == AttachmentKind.Photo ? DingTalkMediaKind.Image : DingTalkMediaKind.File;
        if (message.AttachmentContent is { } content)
        {
            var upload = await api.UploadMediaAsync(message.AttachmentName ?? "file", content, kind, ct);
            if (upload is not DingTalkResult.Ok { ProcessQueryKey: { } uploaded })
            {
                return Map(upload);
            }

            mediaId = uploaded;
        }

        DingTalkResult result;
        var buttons = rows.SelectMany(r => r).Where(b => !b.IsLink).Select(b => new DingTalkCardButton(b.Label, b.Data)).ToList();
        if (buttons.Count > 0)
        {
            // The row's id names the card: a retry after a lost answer is the same card to DingTalk, not a second one.
            result = await api.SendCardAsync(target, $"planbot-{message.Id}", title, markdown, buttons, ct);
            if (result is DingTalkResult.BadRequest)
            {
                var hint = TextSet.For(await LanguageAsync(message, ct))["dingtalk.noCard"];
                result = await api.SendAsync(target, DingTalkMessages.Markdown(title, markdown + DingTalkMarkdown.HardBreak + DingTalkMarkdown.From(hint)), ct);
            }
        }
        else if (markdown.Length > 0)
        {
            result = await api.SendAsync(target, DingTalkMessages.Markdown(title, markdown), ct);
        }
        else
        {
            result = new DingTalkResult.Ok(null);
        }

        if (result is not DingTalkResult.Ok || mediaId is null)
        {
            return Map(result);
        }

        // Should this last call fail, the retry posts the caption (one short line) again, never the file twice.
        var file = kind == DingTalkMediaKind.Image ? DingTalkMessages.Image(mediaId) : DingTalkMessages.File(mediaId, message.AttachmentName ?? "file");
        return Map(await api.SendAsync(target, file, ct));
    }

    private async Task<string> LanguageAsync(OutboxMessage message, CancellationToken ct) =>
        message.RecipientMemberId is { } id && await db.Members.FindAsync([id], ct) is { } member ? member.Language : Plans.Languages.Chinese;

    private static SendResult Map(DingTalkResult result) => result switch
    {
        DingTalkResult.Ok => SendResult.Success(),
        DingTalkResult.Throttled throttled => SendResult.Retry(throttled.RetryAfter),
        DingTalkResult.Forbidden forbidden => SendResult.ForbiddenFailure(forbidden.Error),
        DingTalkResult.AppRefused refused => SendResult.ChannelRefused(refused.Error, AppRefusedPause),
        DingTalkResult.BadRequest bad => SendResult.BadRequestFailure(bad.Error),
        DingTalkResult.Transient transient => SendResult.TransientFailure(transient.Error),
        _ => throw new InvalidOperationException($"Unknown DingTalk result {result}."),
    };
}
