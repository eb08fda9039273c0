using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Storage;
using PlanBot.Plans;

namespace PlanBot.Console;

/// <summary>
/// The console as a channel behind the one <see cref="OutboxSender"/>: prints each part on the <see cref="ConsoleScreen"/>
/// and reports its number as the message id, so the sender records it in <see cref="SentMessage"/> and a reply to any
/// printed part (<c>/reply N</c>) finds its task exactly as on Telegram. An attached file is saved under
/// <see cref="ConsoleOptions.AttachmentsPath"/> and its path printed, so the report's workbook can be opened.
/// </summary>
public sealed class ConsoleTransport(ConsoleScreen screen, PlanBotDbContext db, IOptions<ConsoleOptions> options) : IMessageTransport
{
    /// <summary>Any channel: the console shows its own chats and those of the members it spoke as.</summary>
    public Channel? Channel => null;

    public bool Reaches(ChatAddress chatId) => screen.Shows(chatId);

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        // A catch-up after downtime can be ready before the console has printed its banner.
        await screen.BannerShown.WaitAsync(ct);
        if (message.AnswerCallbackQueryId is not null)
        {
            screen.PrintToast(message.Text);
            return SendResult.Success();
        }

        if (screen.NeedsFirstNumber)
        {
            screen.StartNumberingAfter(await LastKnownMessageIdAsync(ct));
        }

        var recipient = message.ChatId == screen.CurrentChatId || message.RecipientMemberId is not { } memberId
            ? null
            : await db.Members.Where(m => m.Id == memberId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        var attachment = message.AttachmentContent is { } content ? await SaveAsync(message.AttachmentName, content, ct) : null;
        var number = screen.PrintMessage(new OutgoingPart(message.ChatId, message.Text, message.Buttons(), message.EditMessageId, attachment), recipient);
        return SendResult.Success(number);
    }

    /// <summary>
    /// Writes the file under its own name ("name (2).xlsx" when that is taken: a report asked for twice keeps both) and
    /// returns what the console prints for it: its full path and size.
    /// </summary>
    private async Task<string> SaveAsync(string? name, byte[] content, CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.AttachmentsPath);
        Directory.CreateDirectory(folder);
        var safeName = string.Concat((string.IsNullOrWhiteSpace(name) ? "file" : name).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        var path = Path.Combine(folder, safeName);
        for (var copy = 2; File.Exists(path); copy++)
        {
            path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(safeName)} ({copy}){Path.GetExtension(safeName)}"));
        }

        await File.WriteAllBytesAsync(path, content, ct);
        return $"{path} ({Math.Max(1, content.Length / 1024).ToString(CultureInfo.InvariantCulture)} KB)";
    }

    private async Task<long> LastKnownMessageIdAsync(CancellationToken ct)
    {
        var sent = await db.SentMessages.MaxAsync(m => (long?)m.TelegramMessageId, ct) ?? 0;
        // Rows printed before the console sent through the outbox sender have an id but no SentMessage.
        var printedBefore = await db.Outbox.MaxAsync(m => m.TelegramMessageId, ct) ?? 0;
        return Math.Max(sent, printedBefore);
    }
}
