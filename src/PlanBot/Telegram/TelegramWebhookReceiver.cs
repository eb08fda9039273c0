using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Inbox;
using PlanBot.Storage;
using Telegram.Bot;

namespace PlanBot.Telegram;

/// <summary>
/// Webhook mode: a small Kestrel server on <see cref="TelegramOptions.WebhookListenUrl"/> (behind the HTTPS proxy
/// that <see cref="TelegramOptions.WebhookUrl"/> points at). POST <see cref="Path"/> with the right secret-token
/// header is stored in the inbox and answered 200 at once; the <see cref="InboxProcessor"/> applies it. Anything
/// without the secret gets 401 and leaves no trace; a body that is not JSON or has no update_id gets 400, one over
/// <see cref="MaxBodyBytes"/> 413. At start it registers the webhook with Telegram.
/// </summary>
public sealed class TelegramWebhookReceiver(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    InboxSignal inboxSignal,
    WriteTurn writeTurn,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    public const string Path = "/telegram/update";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Far above any update Telegram sends (a message's text is at most 4,096 characters).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly ILogger _logger = loggerFactory.CreateLogger<TelegramWebhookReceiver>();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private Task _registration = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Value.WebhookListenUrl);
        _app = builder.Build();
        _app.MapPost(Path, ReceiveAsync);
        await _app.StartAsync(cancellationToken);
        _logger.LogInformation("Webhook endpoint listening on {ListenUrl}{Path}", options.Value.WebhookListenUrl, Path);
        _registration = RegisterWebhookAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }

        try
        {
            await _registration;
        }
        catch (OperationCanceledException)
        {
            // Stopped before Telegram accepted the webhook: the next start tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret ?? ""))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return;
        }

        JsonElement item;
        try
        {
            using var document = JsonDocument.Parse(body);
            item = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Without an update id there is nothing to deduplicate by (stored as 0, the next id-less one would vanish):
        // that is not an update Telegram sends.
        if (UpdateReader.UpdateId(item) is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // An update with an id but a field Telegram.Bot cannot read is recorded as Unreadable and answered 200, as
        // polling does: refusing it would only make Telegram send it again and again.
        var (message, unreadable) = UpdateReader.Read(item);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        using (await writeTurn.TakeAsync(context.RequestAborted))
        {
            await InboxStore.StoreAsync(
                db, message is null ? [] : [message], unreadable is null ? [] : [unreadable], time.GetUtcNow().UtcDateTime, nextOffset: null, context.RequestAborted);
        }
        if (unreadable is not null)
        {
            _logger.LogWarning(
                "Webhook update {UpdateId} could not be read ({Error}); recorded in the inbox as Unreadable with its raw JSON and skipped",
                unreadable.UpdateId, unreadable.Error);
        }

        inboxSignal.Pulse();
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// The body, at most <see cref="MaxBodyBytes"/>; null when the answer is already decided: 413 for a larger one, and
    /// one warning for a body that did not arrive (Kestrel cut a too slow one, or the sender hung up) — Telegram sends
    /// the update again, so it is nothing worse than that.
    /// </summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            _logger.LogWarning("Webhook request body not received ({Reason}); answered {Status}", e.Message, e.StatusCode);
            context.Response.StatusCode = e.StatusCode;
            return null;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            _logger.LogWarning("Webhook request body not received: the connection closed ({Reason})", e.Message);
            return null;
        }
    }

    /// <summary>Compares in constant time (over hashes, so not even the length leaks).</summary>
    public static bool SecretMatches(string given, string expected) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private async Task RegisterWebhookAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                await bot.SetWebhook(
                    options.Value.WebhookUrl!,
                    secretToken: options.Value.WebhookSecret,
                    allowedUpdates: TelegramPollingReceiver.AllowedUpdates,
                    dropPendingUpdates: false,
                    cancellationToken: ct);
                _logger.LogInformation("Webhook registered with Telegram");
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(attempt - 1, 6))));
                _logger.LogWarning("Telegram setWebhook failed ({Error}); retrying in {Seconds} s", e.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, ct);
            }
        }
    }
}
