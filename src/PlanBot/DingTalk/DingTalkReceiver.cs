using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Inbox;
using PlanBot.Storage;

namespace PlanBot.DingTalk;

/// <summary>
/// Receives DingTalk's pushes over Stream mode (an outgoing WebSocket: no public address, no webhook) and stores each in
/// the inbox before it is acknowledged. The inbox's unique key (DingTalk's message id) makes a redelivered push a no-op,
/// and a push that could not be stored is not acknowledged, so DingTalk may send it again; the inbox processor answers.
/// </summary>
public sealed class DingTalkReceiver(
    DingTalkStreamClient stream,
    IServiceScopeFactory scopes,
    WriteTurn writeTurn,
    InboxSignal inboxSignal,
    TimeProvider time,
    ILogger<DingTalkReceiver> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => stream.RunAsync(StoreAsync, stoppingToken);

    private async Task<bool> StoreAsync(DingTalkCallback callback, CancellationToken ct)
    {
        Chat.InboundMessage? message;
        try
        {
            message = DingTalkInbound.Map(callback);
        }
        catch (System.Text.Json.JsonException e)
        {
            // Not readable now, nor when redelivered: acknowledged, so it does not come back forever.
            logger.LogWarning("DingTalk push {MessageId} on {Topic} could not be read ({Error}); skipped", callback.MessageId, callback.Topic, e.Message);
            return true;
        }

        if (message is null)
        {
            logger.LogDebug("DingTalk push {MessageId} on {Topic} is nothing PlanBot acts on", callback.MessageId, callback.Topic);
            return true;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
            int added;
            using (await writeTurn.TakeAsync(ct))
            {
                added = await InboxStore.StoreAsync(db, [message], time.GetUtcNow().UtcDateTime, nextOffset: null, ct);
            }

            if (added > 0)
            {
                inboxSignal.Pulse();
            }

            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "DingTalk push {MessageId} could not be stored; not acknowledged", callback.MessageId);
            return false;
        }
    }
}
