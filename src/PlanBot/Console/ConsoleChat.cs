using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanBot.Chat;
using PlanBot.Texts;
using PlanBot.Clock;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Console;

/// <summary>
/// The local chat (no Telegram:BotToken): each stdin line becomes an <see cref="InboundMessage"/> handled by the
/// same <see cref="IInboundHandler"/> as Telegram updates; the answers go through the outbox and the one
/// <see cref="OutboxSender"/>, whose <see cref="ConsoleTransport"/> prints them. Before reading the next line it waits
/// until this line's answers are printed, so a piped session reads as a transcript.
/// The console is an admin; /as switches identity, /press N presses a button, /reply N text replies to message N.
/// It opens with the <see cref="ConsoleBanner"/>.
/// </summary>
public sealed class ConsoleChat(
    IServiceScopeFactory scopes,
    IInboundHandler inbound,
    ConsoleScreen screen,
    ConsoleBanner banner,
    OutboxDelivered delivered,
    ConsoleIO io,
    PlanClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChat> logger) : BackgroundService
{
    /// <summary>How long one look waits for the sender before looking at the outbox again.</summary>
    private static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(1);

    /// <summary>A line's answers not printed after this many looks are left to print later (the sender logs why).</summary>
    private const int MaxLooks = 30;

    private long _updateId;
    private ChatAddress _userId = ConsoleIdentity.Admin;
    private string _displayName = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (database migration runs in an earlier hosted service's StartAsync).
        await Task.Yield();
        var admin = await EnsureAdminAsync(stoppingToken);
        _displayName = admin.Name;
        await using (var scope = scopes.CreateAsyncScope())
        {
            screen.PrintBanner(await banner.RenderAsync(scope.ServiceProvider.GetRequiredService<PlanBotDbContext>(), admin, stoppingToken));
        }

        // Messages made outside a typed line (scheduled reminders, digests) are printed by the sender as they come,
        // also after stdin closed.
        try
        {
            await ReadLinesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown while waiting for a line.
        }
    }

    private async Task ReadLinesAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Console.In ignores cancellation once a read has begun: WaitAsync lets shutdown proceed anyway.
            var line = await io.In.ReadLineAsync(ct).AsTask().WaitAsync(ct);
            if (line is null)
            {
                logger.LogInformation("Console input closed; the console chat stops reading");
                return;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (io.EchoInput)
            {
                screen.PrintLine("> " + line.Trim());
            }

            try
            {
                await HandleLineAsync(line.Trim(), ct);
                await WaitUntilPrintedAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Console line failed");
                screen.PrintLine("! " + e.Message);
            }
        }
    }

    private async Task HandleLineAsync(string line, CancellationToken ct)
    {
        var command = CommandLine.TryParse(line);
        switch (command?.Name)
        {
            case "quit" or "exit":
                lifetime.StopApplication();
                return;
            case "as":
                await SwitchIdentityAsync(command.Arguments, ct);
                return;
            case "press":
                await PressAsync(command.Arguments, ct);
                return;
            case "reply":
                await ReplyAsync(command.Arguments, ct);
                return;
        }

        await inbound.HandleAsync(Message(line), ct);
        if (command?.Name == "help")
        {
            await WaitUntilPrintedAsync(ct);
            screen.PrintLine(Html.ToPlainText((await TextsAsync(ct))["console.help"]));
        }
    }

    private async Task PressAsync(string arguments, CancellationToken ct)
    {
        if (!int.TryParse(arguments, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !screen.TryButton(number, out var button))
        {
            screen.PrintLine(Html.ToPlainText((await TextsAsync(ct)).Format("console.noButton", arguments)));
            return;
        }

        await inbound.HandleAsync(new InboundMessage(++_updateId, InboundKind.Callback, button.ChatId, true, _userId, _displayName, null,
            MessageId: button.MessageId, CallbackQueryId: "console-" + _updateId, CallbackData: button.Data), ct);
    }

    private async Task ReplyAsync(string arguments, CancellationToken ct)
    {
        var (numberText, text) = CommandLine.SplitFirst(arguments);
        if (!long.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId) || text.Length == 0)
        {
            screen.PrintLine(Html.ToPlainText((await TextsAsync(ct)).Format("console.noMessage", numberText)));
            return;
        }

        await inbound.HandleAsync(Message(text) with { ReplyToMessageId = messageId }, ct);
    }

    /// <summary>/as NAME: speak as that roster member, linking them to a console pseudo id if they never joined.</summary>
    private async Task SwitchIdentityAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var member = name.Length == 0
            ? await db.Members.Include(m => m.Contacts).FirstAsync(m => m.Contacts.Any(c => c.UserId == ConsoleIdentity.Admin), ct)
            : await db.Members.Include(m => m.Contacts).FirstOrDefaultAsync(m => m.Name == name, ct);
        if (member is null)
        {
            screen.PrintLine(Html.ToPlainText((await TextsAsync(ct)).Format("console.unknownMember", name)));
            return;
        }

        // Speak as the member where they are known (their chat shows here, as if the console were that channel), or
        // under a console identity of their own if they never joined.
        var known = (member.ChatId is { } chat ? member.UserOn(chat.Channel) : null) ?? member.Contacts.FirstOrDefault()?.UserId;
        if (known is null)
        {
            var pseudo = ConsoleIdentity.Pseudo(member.Id);
            member.Contacts.Add(new MemberContact { UserId = pseudo, PrivateChat = pseudo, LinkedAtUtc = clock.UtcNow });
            member.ChatId = pseudo;
            await db.SaveChangesAsync(ct);
            known = pseudo;
        }

        _userId = known.Value;
        _displayName = member.Name;
        screen.SpeakIn(_userId);
        var roles = string.Join(" / ", new[] { MemberRoles.Owner, MemberRoles.Supervisor, MemberRoles.Admin }
            .Where(member.Has).Select(r => TextSet.For(member.Language)["role." + r]));
        screen.PrintLine(Html.ToPlainText(TextSet.For(member.Language).Format("console.as", member.Name, roles)));
    }

    private InboundMessage Message(string text) =>
        new(++_updateId, InboundKind.Message, _userId, true, _userId, _displayName, text, MessageId: null);

    private async Task<Member> EnsureAdminAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var admin = await db.Members.FirstOrDefaultAsync(m => m.Contacts.Any(c => c.UserId == ConsoleIdentity.Admin), ct);
        if (admin is null)
        {
            admin = new Member
            {
                Name = "控制台管理员",
                Unit = "console",
                Roles = MemberRoles.Admin | MemberRoles.Supervisor,
                Contacts = { new MemberContact { UserId = ConsoleIdentity.Admin, PrivateChat = ConsoleIdentity.Admin, LinkedAtUtc = clock.UtcNow } },
                ChatId = ConsoleIdentity.Admin,
                CreatedAtUtc = clock.UtcNow,
            };
            db.Members.Add(admin);
            await db.SaveChangesAsync(ct);
        }

        return admin;
    }

    private async Task<TextSet> TextsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        var language = await db.MemberContacts.Where(c => c.UserId == _userId).Select(c => c.Member!).Select(m => m.Language).FirstOrDefaultAsync(ct);
        return TextSet.For(language);
    }

    /// <summary>Waits until the outbox holds nothing due for the chats this session shows: the line's answers are printed.</summary>
    private async Task WaitUntilPrintedAsync(CancellationToken ct)
    {
        for (var look = 0; look < MaxLooks; look++)
        {
            var chats = screen.SessionChats;
            var now = clock.UtcNow;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
                var waiting = await db.Outbox.AnyAsync(
                    o => o.State == OutboxState.Pending && o.NextAttemptAtUtc <= now
                         && (o.Channel == Channel.Console || chats.Contains(o.ChatId)),
                    ct);
                if (!waiting)
                {
                    return;
                }
            }

            await delivered.WaitAsync(LookInterval, clock.Time, ct);
        }
    }
}
