using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Inbox;
using PlanBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace PlanBot.Telegram;

/// <summary>
/// Long polling: getUpdates from the stored offset, store every update and the next offset in one transaction,
/// then wake the <see cref="InboxProcessor"/>. Telegram forgets an update only when a later call passes a higher
/// offset, which happens after the update is in the database: a crash in between redelivers it, and the inbox
/// ignores the copy. Network failures back off and never stop the loop. Each update is read on its own
/// (<see cref="UpdateReader"/>): one that cannot be read is recorded as Unreadable and the offset moves past it.
/// </summary>
public sealed class TelegramPollingReceiver(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    InboxSignal inboxSignal,
    WriteTurn writeTurn,
    TimeProvider time,
    ILogger<TelegramPollingReceiver> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var webhookDeleted = false;
        long? offset = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
                if (!webhookDeleted)
                {
                    // getUpdates is refused while a webhook is set (e.g. after running in webhook mode).
                    await bot.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                    webhookDeleted = true;
                }

                offset ??= await InboxStore.LoadOffsetAsync(db, stoppingToken);
                var items = await bot.SendRequest(
                    new RawGetUpdatesRequest
                    {
                        Offset = offset == 0 ? null : offset,
                        Timeout = options.Value.PollingTimeoutSeconds,
                        AllowedUpdates = AllowedUpdates,
                    },
                    stoppingToken);
                failures = 0;
                if (items.Length == 0)
                {
                    continue;
                }

                var batch = UpdateReader.ReadBatch(items);
                int added;
                using (await writeTurn.TakeAsync(stoppingToken))
                {
                    added = await InboxStore.StoreAsync(
                        db, batch.Readable, batch.Unreadable, time.GetUtcNow().UtcDateTime, batch.NextOffset, stoppingToken);
                }
                foreach (var unreadable in batch.Unreadable)
                {
                    logger.LogWarning(
                        "Update {UpdateId} could not be read ({Error}); recorded in the inbox as Unreadable with its raw JSON and skipped",
                        unreadable.UpdateId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no readable id)",
                        unreadable.Error);
                }

                logger.LogDebug("Received {Count} updates ({Added} new, {Unreadable} unreadable)", items.Length, added, batch.Unreadable.Count);
                inboxSignal.Pulse();
                if (batch.NextOffset is { } next)
                {
                    offset = next;
                }
                else
                {
                    // Telegram always sends an update_id; without one nothing can be confirmed, so wait as after a failure.
                    failures++;
                    var delay = Backoff(failures);
                    logger.LogWarning("No update in the batch has a readable update_id; asking again in {Seconds} s", delay.TotalSeconds);
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                if (e is ApiRequestException { ErrorCode: 409 })
                {
                    webhookDeleted = false;
                }

                var delay = Backoff(failures);
                logger.LogWarning("Telegram getUpdates failed ({Error}); retrying in {Seconds} s", Describe(e), delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));

    private static string Describe(Exception e) =>
        e.InnerException is { } inner ? $"{e.GetType().Name}: {e.Message} / {inner.GetType().Name}: {inner.Message}" : $"{e.GetType().Name}: {e.Message}";
}
