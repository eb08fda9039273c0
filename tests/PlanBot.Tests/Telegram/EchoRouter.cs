using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Storage;

namespace PlanBot.Tests.Telegram;

/// <summary>
/// A stand-in for the real router (which lives with the chat feature), enough to drive the transport end to end:
/// "/task N" answers a card tagged with task N and a button; a reply answers which task it was matched to;
/// "/long N" answers N lines; "/fail" throws; a button press is answered with a toast and edits its card;
/// anything else is echoed.
/// </summary>
public sealed class EchoRouter : IChatRouter
{
    public async Task<ChatResponse> RouteAsync(InboundMessage message, PlanBotDbContext db, CancellationToken ct)
    {
        if (message.Kind == InboundKind.Callback)
        {
            var edit = new OutgoingMessage(message.ChatId, $"pressed {message.CallbackData}") { EditMessageId = message.MessageId };
            return message.CallbackData == "quiet" ? ChatResponse.None : new ChatResponse([edit], $"got {message.CallbackData}");
        }

        if (message.Kind != InboundKind.Message || message.Text is null)
        {
            return ChatResponse.None;
        }

        if (message.ReplyToMessageId is { } replyTo)
        {
            var taskId = (await SentMessages.FindAsync(db, message.ChatId, replyTo, ct))?.TaskId;
            return Reply(message, taskId is null ? "reply about nothing" : $"reply about task {taskId}");
        }

        var words = message.Text.Split(' ', 2);
        return words[0] switch
        {
            "/fail" => throw new InvalidOperationException("The router failed on purpose."),
            "/task" => new ChatResponse([new OutgoingMessage(message.ChatId, $"<b>Task {words[1]}</b>")
            {
                TaskId = int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture),
                Buttons = [[new Button("50%", "p50"), new Button("✅", "done")]],
            }]),
            "/long" => new ChatResponse([new OutgoingMessage(message.ChatId, string.Join('\n',
                Enumerable.Range(1, int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture)).Select(i => $"<b>line</b> {i} {new string('x', 90)}")))
            {
                TaskId = 7,
                Buttons = [[new Button("ok", "ok")]],
            }]),
            _ => Reply(message, "echo: " + System.Net.WebUtility.HtmlEncode(message.Text)),
        };
    }

    private static ChatResponse Reply(InboundMessage message, string text) => new([new OutgoingMessage(message.ChatId, text)]);
}
