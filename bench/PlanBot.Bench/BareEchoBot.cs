using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace PlanBotBench;

/// <summary>
/// The yardstick: the least a Telegram.Bot bot can do — one polling loop that answers every message and button press
/// with a sendMessage, awaited one after another, no storage.
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
        foreach (var update in updates)
        {
            offset = update.Id + 1;
            if (update.Message is { } message)
            {
                await client.SendMessage(message.Chat.Id, message.Text ?? "…", cancellationToken: ct);
            }
            else if (update.CallbackQuery is { Message: { } card } query)
            {
                await client.SendMessage(card.Chat.Id, query.Data ?? "…", cancellationToken: ct);
            }
        }

        return offset;
    }
}
