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
/// ignores the copy. Network failures back off and never stop the loop.
/// </summary>
public sealed class TelegramPollingReceiver(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    InboxSignal inboxSignal,
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
                var updates = await bot.GetUpdates(
                    offset == 0 ? null : checked((int)offset.Value), 100, options.Value.PollingTimeoutSeconds, AllowedUpdates, stoppingToken);
                failures = 0;
                if (updates.Length == 0)
                {
                    continue;
                }

                var next = updates.Max(u => (long)u.Id) + 1;
                var added = await InboxStore.StoreAsync(
                    db, updates.Select(UpdateMapper.Map).ToList(), time.GetUtcNow().UtcDateTime, next, stoppingToken);
                offset = next;
                logger.LogDebug("Received {Count} updates ({Added} new)", updates.Length, added);
                inboxSignal.Pulse();
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
