using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Reports;
using PlanBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace PlanBot.Telegram;

/// <summary>
/// Keeps one pinned status message per subscribed Telegram group (counts by light per list, what turned red today, what
/// falls due this week) instead of a new message for every change. Every <see cref="GroupStatusOptions.IntervalSeconds"/>
/// it words the status; a group whose status changed gets an edit of its message through the outbox (order, limits and
/// retries as for any message; "message is not modified" counts as done). A message deleted meanwhile cannot be edited,
/// so the transport posts it anew, and the new message is pinned again. Pinning needs the admin right to pin messages;
/// without it the group is told once what right the bot needs. DingTalk's robot can neither edit nor pin a message, so
/// DingTalk groups keep the digests.
/// </summary>
public sealed class GroupStatusUpdater(
    IServiceScopeFactory scopes,
    ITelegramBotClient bot,
    IOptions<GroupStatusOptions> options,
    PlanClock clock,
    TimeProvider time,
    OutboxSignal outboxSignal,
    ILogger<GroupStatusUpdater> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next look tries again; a status a minute late is no reason to stop the bot.
                logger.LogError(e, "The groups' live status could not be brought up to date");
            }

            await Task.Delay(interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One look: every subscribed Telegram group's message brought up to date and pinned.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var groups = (await db.ChatSubscriptions.AsNoTracking().Select(s => s.ChatId).ToListAsync(ct))
            .Where(chat => chat.Channel == Channel.Telegram)
            .ToList();
        if (groups.Count == 0)
        {
            return;
        }

        var digest = await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync(db, clock.Today, ct);
        var content = GroupStatusText.Content(digest, Languages.Chinese);
        var statuses = (await db.GroupStatusMessages.ToListAsync(ct)).ToDictionary(s => s.ChatId);
        var queued = false;
        foreach (var group in groups)
        {
            if (!statuses.TryGetValue(group, out var status))
            {
                status = new GroupStatusMessage { ChatId = group };
                db.GroupStatusMessages.Add(status);
            }

            if (!await LearnMessageIdAsync(db, status, ct))
            {
                continue; // its last post or edit is still on its way
            }

            await PinAsync(db, status, ct);
            if (status.Content == content && status.MessageId is not null)
            {
                continue;
            }

            var row = OutboxMessage.From(
                new OutgoingMessage(group, GroupStatusText.Message(content, clock.LocalNow, Languages.Chinese)) { EditMessageId = status.MessageId },
                clock.UtcNow);
            db.Outbox.Add(row);
            await db.SaveChangesAsync(ct);
            status.OutboxId = row.Id;
            status.Content = content;
            status.UpdatedAtUtc = clock.UtcNow;
            queued = true;
        }

        await db.SaveChangesAsync(ct);
        if (queued)
        {
            outboxSignal.Pulse();
        }
    }

    /// <summary>Takes the message id from the last post or edit once it is sent; false while it is still pending.</summary>
    private static async Task<bool> LearnMessageIdAsync(PlanBotDbContext db, GroupStatusMessage status, CancellationToken ct)
    {
        if (status.OutboxId is not { } outboxId)
        {
            return true;
        }

        var row = await db.Outbox.AsNoTracking().Where(o => o.Id == outboxId).Select(o => new { o.State, o.TelegramMessageId }).FirstOrDefaultAsync(ct);
        if (row?.State == OutboxState.Pending)
        {
            return false;
        }

        // Sent: an edit keeps the id, a re-post (the message was deleted) brings a new one. Failed: the group refused
        // it (the bot was removed; its subscription goes with it), so the next post starts afresh.
        status.MessageId = row?.State == OutboxState.Sent ? row.TelegramMessageId : null;
        status.OutboxId = null;
        return true;
    }

    private async Task PinAsync(PlanBotDbContext db, GroupStatusMessage status, CancellationToken ct)
    {
        if (status.MessageId is not { } messageId || status.PinnedMessageId == messageId || status.ChatId.Number is not { } chatId)
        {
            return;
        }

        try
        {
            await bot.PinChatMessage(chatId, checked((int)messageId), disableNotification: true, cancellationToken: ct);
            status.PinnedMessageId = messageId;
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
        {
            // Not an admin with the right to pin: said once; the next new message is tried again (rights may be given).
            status.PinnedMessageId = messageId;
            logger.LogWarning("Cannot pin the live status message in group {ChatId}: {Error}", chatId, e.Message);
            if (status.PinRightsAskedAtUtc is null)
            {
                status.PinRightsAskedAtUtc = clock.UtcNow;
                db.Enqueue(clock.UtcNow, new OutgoingMessage(status.ChatId, Texts.TextSet.For(Languages.Chinese)["status.pinRights"]));
            }
        }
    }
}
