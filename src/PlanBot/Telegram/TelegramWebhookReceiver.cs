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
using Telegram.Bot.Types;

namespace PlanBot.Telegram;

/// <summary>
/// Webhook mode: a small Kestrel server on <see cref="TelegramOptions.WebhookListenUrl"/> (behind the HTTPS proxy
/// that <see cref="TelegramOptions.WebhookUrl"/> points at). POST <see cref="Path"/> with the right secret-token
/// header is stored in the inbox and answered 200 at once; the <see cref="InboxProcessor"/> applies it. Anything
/// without the secret gets 401 and leaves no trace. At start it registers the webhook with Telegram.
/// </summary>
public sealed class TelegramWebhookReceiver(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    InboxSignal inboxSignal,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    public const string Path = "/telegram/update";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

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

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        await InboxStore.StoreAsync(db, [UpdateMapper.Map(update)], time.GetUtcNow().UtcDateTime, nextOffset: null, context.RequestAborted);
        inboxSignal.Pulse();
        context.Response.StatusCode = StatusCodes.Status200OK;
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
