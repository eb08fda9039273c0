using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace PlanBotBench;

/// <summary>
/// The upper yardstick: the least a Telegram.Bot bot can do — one polling loop that answers every message and button
/// press with a sendMessage, no storage. A batch's answers go out concurrently across chats, one after another within a
/// chat (its order), so over a slow network it is not held to one round trip per answer.
/// </summary>
public static class BareEchoBot
{
    public static async Task RunAsync(string token, string baseUrl, CancellationToken ct)
    {
        using var http = new HttpClient();
        var client = new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryThreshold = 0 }, http);
        int? offset = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                offset = await EchoBatchAsync(client, offset, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped at the end of the run.
        }
    }

    private static async Task<int?> EchoBatchAsync(TelegramBotClient client, int? offset, CancellationToken ct)
    {
        var updates = await client.GetUpdates(offset, 100, 1, [UpdateType.Message, UpdateType.CallbackQuery], ct);
        var answers = new List<(long ChatId, string Text)>();
        foreach (var update in updates)
        {
            offset = update.Id + 1;
            if (update.Message is { } message)
            {
                answers.Add((message.Chat.Id, message.Text ?? "…"));
            }
            else if (update.CallbackQuery is { Message: { } card } query)
            {
                answers.Add((card.Chat.Id, query.Data ?? "…"));
            }
        }

        await Task.WhenAll(answers.GroupBy(a => a.ChatId).Select(async chat =>
        {
            foreach (var (chatId, text) in chat)
            {
                await client.SendMessage(chatId, text, cancellationToken: ct);
            }
        }));
        return offset;
    }
}
