using PlanBot.Chat;
using PlanBot.Texts;
using PlanBot.Plans;

namespace PlanBot.Console;

/// <summary>
/// What the console session has on screen: which chats it speaks in, the number of the last message printed, and the
/// buttons printed so far (so <c>/press N</c> finds one). Shared by the <see cref="ConsoleTransport"/> that prints and
/// the <see cref="ConsoleChat"/> that reads lines.
/// </summary>
public sealed class ConsoleScreen(ConsoleIO io)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PrintedButton> _buttons = [];
    private readonly HashSet<ChatAddress> _sessionChats = [ConsoleIdentity.Admin];
    private readonly TaskCompletionSource _bannerShown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _lastMessageNumber;
    private int _lastButtonNumber;

    /// <summary>The chat whose messages are printed without a recipient ("you").</summary>
    public ChatAddress CurrentChatId { get; private set; } = ConsoleIdentity.Admin;

    /// <summary>The chats this session prints: console identities, and the chats of members it spoke as.</summary>
    public IReadOnlyCollection<ChatAddress> SessionChats
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessionChats];
            }
        }
    }

    public bool Shows(ChatAddress chatId)
    {
        lock (_lock)
        {
            return ConsoleIdentity.IsConsoleChat(chatId) || _sessionChats.Contains(chatId);
        }
    }

    public void SpeakIn(ChatAddress chatId)
    {
        lock (_lock)
        {
            CurrentChatId = chatId;
            _sessionChats.Add(chatId);
        }
    }

    public bool TryButton(int number, out PrintedButton button)
    {
        lock (_lock)
        {
            return _buttons.TryGetValue(number, out button!);
        }
    }

    /// <summary>Whether the numbering still has to learn where the database's message ids end.</summary>
    public bool NeedsFirstNumber
    {
        get
        {
            lock (_lock)
            {
                return _lastMessageNumber is null;
            }
        }
    }

    /// <summary>Numbers continue above every message id the database knows, so a number never names two messages.</summary>
    public void StartNumberingAfter(long lastKnownId)
    {
        lock (_lock)
        {
            _lastMessageNumber ??= lastKnownId;
        }
    }

    /// <summary>Prints one message (or one part of a split one) and returns the number it was printed with.</summary>
    /// <param name="recipient">Who the message is for, when it is not the current identity.</param>
    public long PrintMessage(OutgoingPart part, string? recipient)
    {
        lock (_lock)
        {
            var number = part.EditOf ?? ++_lastMessageNumber ?? throw new InvalidOperationException("Numbering has not started.");
            var line = new System.Text.StringBuilder()
                .Append(part.EditOf is null ? $"[{number}]" : $"[{number} ✎]")
                .Append(' ');
            if (part.ChatId != CurrentChatId)
            {
                line.Append("→ ").Append(recipient ?? $"chat {part.ChatId.Id}").Append(": ");
            }

            if (part.Attachment is { } file)
            {
                line.Append("📎 ").Append(file).AppendLine();
            }

            line.Append(Html.ToPlainText(part.Html));
            foreach (var row in part.Buttons)
            {
                line.AppendLine().Append("    ");
                foreach (var button in row)
                {
                    _buttons[++_lastButtonNumber] = new PrintedButton(part.ChatId, number, button.Data);
                    line.Append('(').Append(_lastButtonNumber).Append(") ").Append(button.Label).Append("  ");
                }
            }

            io.Out.WriteLine(line.ToString().TrimEnd());
            io.Out.Flush();
            return number;
        }
    }

    /// <summary>A button press answered with a toast; an empty toast only stops Telegram's spinner, so nothing is shown.</summary>
    public void PrintToast(string html)
    {
        if (html.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            io.Out.WriteLine($"  💬 {Html.ToPlainText(html)}");
            io.Out.Flush();
        }
    }

    /// <summary>Completed once the banner is on screen: messages wait for it, so the first lines are always the banner.</summary>
    public Task BannerShown => _bannerShown.Task;

    public void PrintBanner(string text)
    {
        PrintLine(text);
        _bannerShown.TrySetResult();
    }

    /// <summary>A line of the console's own (banner, an echoed input line, "no such button"), between the bot's messages.</summary>
    public void PrintLine(string text)
    {
        lock (_lock)
        {
            io.Out.WriteLine(text);
            io.Out.Flush();
        }
    }
}

/// <summary>A button as printed: pressing it is a callback on message <see cref="MessageId"/> in <see cref="ChatId"/>.</summary>
public sealed record PrintedButton(ChatAddress ChatId, long MessageId, string Data);

/// <summary>What the screen needs of one outbox part.</summary>
/// <param name="EditOf">The number of the message this part replaces, for an edit.</param>
/// <param name="Attachment">The attached file's name and size, when there is one.</param>
public sealed record OutgoingPart(ChatAddress ChatId, string Html, IReadOnlyList<IReadOnlyList<Outbox.Button>> Buttons, long? EditOf, string? Attachment);
