using System.Net;

namespace PlanBot.Outbox;

/// <summary>
/// What one outbox row becomes on the wire: one call for most rows; several for a text over 4096 characters
/// (buttons on the last part); a file with a short caption followed by the text when the text is too long to be
/// its caption. Edits and button toasts cannot be split, so they are trimmed.
/// </summary>
public static class OutboxParts
{
    /// <summary>Telegram shows at most 200 characters in a button-press toast.</summary>
    public const int CallbackAnswerLimit = 200;

    public static IReadOnlyList<OutboxMessage> For(OutboxMessage row)
    {
        if (row.AnswerCallbackQueryId is not null)
        {
            return [Copy(row, row.Text.Length <= CallbackAnswerLimit ? row.Text : row.Text[..(CallbackAnswerLimit - 1)] + "…", row.ButtonsJson, withAttachment: false)];
        }

        if (row.EditMessageId is not null)
        {
            return [Copy(row, MessageSplitter.Trim(row.Text, MessageSplitter.TextLimit), row.ButtonsJson, withAttachment: false)];
        }

        if (row.AttachmentContent is not null)
        {
            if (row.Text.Length <= MessageSplitter.CaptionLimit)
            {
                return [row];
            }

            var caption = WebUtility.HtmlEncode(row.AttachmentName ?? "");
            return [Copy(row, caption, null, withAttachment: true), .. TextParts(row)];
        }

        return TextParts(row);
    }

    private static List<OutboxMessage> TextParts(OutboxMessage row)
    {
        var texts = MessageSplitter.Split(row.Text);
        return texts
            .Select((text, i) => Copy(row, text, i == texts.Count - 1 ? row.ButtonsJson : null, withAttachment: false))
            .ToList();
    }

    private static OutboxMessage Copy(OutboxMessage row, string text, string? buttonsJson, bool withAttachment) => new()
    {
        Id = row.Id,
        ChatId = row.ChatId,
        RecipientMemberId = row.RecipientMemberId,
        Text = text,
        ButtonsJson = buttonsJson,
        AttachmentName = withAttachment ? row.AttachmentName : null,
        AttachmentContent = withAttachment ? row.AttachmentContent : null,
        AttachmentKind = withAttachment ? row.AttachmentKind : null,
        TaskId = row.TaskId,
        ListedTaskIds = row.ListedTaskIds,
        ReplyKey = row.ReplyKey,
        EditMessageId = row.EditMessageId,
        AnswerCallbackQueryId = row.AnswerCallbackQueryId,
        State = row.State,
        CreatedAtUtc = row.CreatedAtUtc,
        NextAttemptAtUtc = row.NextAttemptAtUtc,
        Attempts = row.Attempts,
    };
}
