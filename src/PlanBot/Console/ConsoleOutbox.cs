using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Common;
using PlanBot.Outbox;
using PlanBot.Storage;
using PlanBot.Texts;

namespace PlanBot.Console;

/// <summary>
/// The console's sender: prints pending outbox rows for console chats (and the chats this session speaks in), numbers each
/// message and each button so they can be answered with /reply N and pressed with /press N, and marks the rows sent with
/// that number as their message id — so a reply finds its task exactly as on Telegram.
/// </summary>
public sealed class ConsoleOutbox(IServiceScopeFactory scopes, ConsoleIO io, PlanClock clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, (long ChatId, long MessageId, string Data)> _buttons = [];
    private readonly HashSet<long> _sessionChats = [];
    private long _lastMessageNumber = -1;
    private int _lastButtonNumber;

    /// <summary>The chat whose messages are printed without a recipient ("you").</summary>
    public long CurrentChatId { get; set; } = ConsoleIdentity.AdminUserId;

    public void Track(long chatId) => _sessionChats.Add(chatId);

    public bool TryButton(int number, out (long ChatId, long MessageId, string Data) button) => _buttons.TryGetValue(number, out button);

    public async Task DrainAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            if (_lastMessageNumber < 0)
            {
                _lastMessageNumber = await db.Outbox.MaxAsync(o => o.TelegramMessageId, ct) ?? 0;
            }

            var pending = await db.Outbox.Where(o => o.State == OutboxState.Pending).OrderBy(o => o.Id).ToListAsync(ct);
            var names = await db.Members.ToDictionaryAsync(m => m.Id, m => m.Name, ct);
            foreach (var row in pending.Where(r => ConsoleIdentity.IsConsoleChat(r.ChatId) || _sessionChats.Contains(r.ChatId)))
            {
                Print(row, names);
                row.State = OutboxState.Sent;
                row.SentAtUtc = clock.UtcNow;
                row.Attempts++;
            }

            await db.SaveChangesAsync(ct);
            await io.Out.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();


    private void Print(OutboxMessage row, Dictionary<int, string> names)
    {
        if (row.AnswerCallbackQueryId is not null)
        {
            // An empty answer only stops Telegram's spinner: nothing to show on a terminal.
            if (row.Text.Length > 0)
            {
                io.Out.WriteLine($"  💬 {row.Text}");
            }

            return;
        }

        row.TelegramMessageId = row.EditMessageId ?? ++_lastMessageNumber;
        var label = row.EditMessageId is { } edited ? $"[{edited} ✎]" : $"[{row.TelegramMessageId}]";
        var recipient = row.ChatId == CurrentChatId
            ? ""
            : "→ " + (row.RecipientMemberId is { } id && names.TryGetValue(id, out var name) ? name : $"chat {row.ChatId}") + ": ";
        var text = new StringBuilder().Append(label).Append(' ').Append(recipient).Append(Html.ToPlainText(row.Text));
        foreach (var buttonRow in row.Buttons())
        {
            text.AppendLine().Append("    ");
            foreach (var button in buttonRow)
            {
                _buttons[++_lastButtonNumber] = (row.ChatId, row.TelegramMessageId.Value, button.Data);
                text.Append('(').Append(_lastButtonNumber).Append(") ").Append(button.Label).Append("  ");
            }
        }

        io.Out.WriteLine(text.ToString().TrimEnd());
    }

}
