using System.Net;
using System.Text.Json;
using PlanBot.Chat;
using PlanBot.Outbox;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using PlanBot.Plans;

namespace PlanBot.Telegram;

/// <summary>
/// Sends one outbox part with the Bot API and classifies the outcome for the <see cref="OutboxSender"/>.
/// Telegram's own retry is off (RetryThreshold = 0), so every failure comes back here as exactly one result.
/// </summary>
public sealed class TelegramMessageTransport(ITelegramBotClient bot) : IMessageTransport
{
    /// <summary>Ten keeps 30 messages a second at answers up to ~330 ms, the slow end of Telegram seen from Asia.</summary>
    public const int SendsInFlight = 10;

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    public int MaxInFlight => SendsInFlight;

    public Channel? Channel => Plans.Channel.Telegram;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            return await CallAsync(message, ct);
        }
        catch (ApiRequestException e)
        {
            return Classify(e);
        }
        catch (RequestException e)
        {
            // Network failures, timeouts and unreadable answers: Telegram.Bot wraps them all in RequestException.
            return SendResult.TransientFailure(e.InnerException is { } inner ? $"{e.Message} ({inner.GetType().Name})" : e.Message);
        }
        catch (HttpRequestException e)
        {
            return SendResult.TransientFailure(e.Message);
        }
        catch (JsonException e)
        {
            return SendResult.TransientFailure("Unreadable answer: " + e.GetType().Name);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.TransientFailure("Request timed out");
        }
    }

    private async Task<SendResult> CallAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.AnswerCallbackQueryId is { } queryId)
        {
            await bot.AnswerCallbackQuery(queryId, message.Text.Length == 0 ? null : message.Text, cancellationToken: ct);
            return SendResult.Success();
        }

        // A Telegram row always has a numeric chat id (ChatAddress.Telegram made it).
        var chatId = message.ChatId.Number ?? throw new InvalidOperationException($"Outbox message {message.Id} is not addressed to a Telegram chat.");
        var markup = Markup(message);
        if (message.EditMessageId is { } editId)
        {
            try
            {
                await bot.EditMessageText(chatId, checked((int)editId), message.Text, ParseMode.Html, markup, NoPreview, cancellationToken: ct);
                return SendResult.Success(editId);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && Contains(e, "message is not modified"))
            {
                // A second press on the same button: the card already shows this.
                return SendResult.Success(editId);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && (Contains(e, "message to edit not found") || Contains(e, "message can't be edited")))
            {
                // Too old or deleted: a fresh message is what the person expects to see.
            }
        }

        if (message.AttachmentContent is { } content)
        {
            using var stream = new MemoryStream(content, writable: false);
            var file = InputFile.FromStream(stream, message.AttachmentName ?? "file");
            var caption = message.Text.Length == 0 ? null : message.Text;
            var sent = message.AttachmentKind == AttachmentKind.Photo
                ? await bot.SendPhoto(chatId, file, caption, ParseMode.Html, replyMarkup: markup, cancellationToken: ct)
                : await bot.SendDocument(chatId, file, caption, ParseMode.Html, replyMarkup: markup, cancellationToken: ct);
            return SendResult.Success(sent.Id);
        }

        var text = await bot.SendMessage(chatId, message.Text, ParseMode.Html, replyMarkup: markup, linkPreviewOptions: NoPreview, cancellationToken: ct);
        return SendResult.Success(text.Id);
    }

    private static SendResult Classify(ApiRequestException e) => e.ErrorCode switch
    {
        429 => SendResult.Retry(TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 5))),
        // "group chat was upgraded to a supergroup chat": the same chat under its new id.
        400 when e.Parameters?.MigrateToChatId is { } newChatId => SendResult.MovedTo(ChatAddress.Telegram(newChatId)),
        403 => SendResult.ForbiddenFailure(e.Message),
        400 => SendResult.BadRequestFailure(e.Message),
        // 401/404 mean a wrong token or base URL: a configuration fault to fix, not a reason to drop messages.
        _ => SendResult.TransientFailure($"{e.ErrorCode}: {e.Message}"),
    };

    private static bool Contains(ApiRequestException e, string text) => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase);

    private static InlineKeyboardMarkup? Markup(OutboxMessage message)
    {
        var rows = message.Buttons();
        return rows.Count == 0
            ? null
            : new InlineKeyboardMarkup(rows.Select(row => row.Select(b => b.Kind switch
            {
                ButtonKind.Url => InlineKeyboardButton.WithUrl(b.Label, b.Data),
                ButtonKind.WebApp => InlineKeyboardButton.WithWebApp(b.Label, new WebAppInfo(b.Data)),
                _ => InlineKeyboardButton.WithCallbackData(b.Label, b.Data),
            })));
    }
}
