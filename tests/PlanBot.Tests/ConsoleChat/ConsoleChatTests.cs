using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Console;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Tests.Chat;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.ConsoleChat;

/// <summary>The real host without a bot token: lines go in through the console transport and the printed chat comes out.</summary>
public sealed class ConsoleChatTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Console_session_updates_a_task_by_button_reply_and_command_and_prints_messages_to_others()
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));
        await using (var db = database.CreateContext())
        {
            await ChatHarness.SeedAsync(db, time.GetUtcNow().UtcDateTime);
        }

        var input = string.Join('\n',
            "/whoami",
            "/as 分管副局长",
            "/as 投资科负责人",
            "/task K-01",
            "/press 2",
            "/reply 2 60 已完成招标",
            "/blocked K-01 缺资金",
            "/press 99") + "\n";
        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new StringReader(input), output);
        await host.StartAsync();
        try
        {
            var printed = await WaitForAsync(output, "没有编号为 99 的按钮");

            Assert.Contains("您是:控制台管理员(管理员、督查人员)", printed, StringComparison.Ordinal);
            Assert.Contains("/press N", printed, StringComparison.Ordinal);
            Assert.Contains("👤 控制台管理员", printed, StringComparison.Ordinal);
            Assert.Contains("现在您是 投资科负责人(责任人)", printed, StringComparison.Ordinal);
            Assert.Contains("(1) 25%  (2) 50%  (3) 75%", printed, StringComparison.Ordinal);
            Assert.Contains("[3] ✅ 已记录 K-01:进度 50%", printed, StringComparison.Ordinal);
            Assert.Contains("💬 K-01 进度 50%", printed, StringComparison.Ordinal);
            Assert.Contains("✅ 已记录 K-01:进度 60%\n备注:已完成招标", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains("→ 分管副局长: ⚠️ 投资科负责人 报告困难", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", printed, StringComparison.Ordinal);

            await using var check = database.CreateContext();
            var k01 = await check.Tasks.SingleAsync(t => t.Code == "K-01");
            Assert.Equal((60, PlanTaskStatus.Blocked), (k01.ProgressPercent, k01.Status));
            Assert.Equal(
                [UpdateChannel.Button, UpdateChannel.Reply, UpdateChannel.Command],
                await check.ProgressUpdates.Where(u => u.TaskId == k01.Id).OrderBy(u => u.Id).Select(u => u.Channel).ToListAsync());

            // Input ended (EOF): the host keeps running.
            Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_reports_workbook_and_chart_are_saved_as_files_and_their_paths_printed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));
        await using (var db = database.CreateContext())
        {
            await ChatHarness.SeedAsync(db, time.GetUtcNow().UtcDateTime);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"planbot-console-files-{Guid.NewGuid():N}");
        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new StringReader("/report 2024-05\n/report 2024-05\n"), output,
            new Dictionary<string, string?> { ["Console:AttachmentsPath"] = folder });
        await host.StartAsync();
        try
        {
            var workbook = Path.Combine(folder, "overdue-2024-05.xlsx");
            var again = Path.Combine(folder, "overdue-2024-05 (2).xlsx");
            var printed = await WaitForAsync(output, again);

            Assert.Contains($"📎 {workbook} (", printed, StringComparison.Ordinal);
            Assert.True(File.Exists(workbook) && File.Exists(again));
            // A real workbook: it opens and holds the report's rows.
            Assert.NotEmpty(MiniExcelLibs.MiniExcel.Query(workbook).ToList());
            var chart = Assert.Single(Directory.GetFiles(folder, "*.png"), f => !f.Contains("(2)", StringComparison.Ordinal));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(chart))[..4]);
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task As_links_an_unlinked_member_to_a_console_id_and_quit_stops_the_host()
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));
        await using (var db = database.CreateContext())
        {
            await ChatHarness.SeedAsync(db, time.GetUtcNow().UtcDateTime);
        }

        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new StringReader("/as 无此人\n/as 服务业科负责人\n/my\n/quit\n"), output);
        await host.StartAsync();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Task.Delay(Patience, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync();

        Assert.True(stopping.IsCancellationRequested);
        var printed = output.ToString();
        Assert.Contains("花名册中没有“无此人”", printed, StringComparison.Ordinal);
        Assert.Contains("您目前没有未完成的任务", printed, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        var member = await check.Members.Include(m => m.Contacts).SingleAsync(m => m.Name == "服务业科负责人");
        Assert.True(member.ChatId is { } chat && ConsoleIdentity.IsConsoleChat(chat));
        Assert.Equal(member.ChatId, Assert.Single(member.Contacts).UserId);
    }

    [Fact]
    public async Task A_reply_to_the_first_part_of_a_split_message_updates_its_task_through_the_sent_messages()
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow().UtcDateTime;
        long rowId;
        await using (var db = database.CreateContext())
        {
            await ChatHarness.SeedAsync(db, now);
            var k01 = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            // A message about K-01 too long for one Telegram message (4096 characters): the sender splits it in two.
            var text = "K-01 督办提醒\n" + string.Join('\n', Enumerable.Range(1, 60).Select(i => $"第 {i} 条说明:" + new string('进', 90)));
            var row = OutboxMessage.From(new OutgoingMessage(ConsoleIdentity.Admin, text) { TaskId = k01.Id }, now);
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
            rowId = row.Id;
        }

        var output = new CapturedOutput();
        using var host = BuildHost(database, time, new StringReader("/whoami\n/reply 1 60 已完成招标\n"), output);
        await host.StartAsync();
        try
        {
            await WaitForAsync(output, "已记录 K-01:进度 60%");

            await using var check = database.CreateContext();
            var parts = await check.SentMessages.Where(m => m.OutboxId == rowId).OrderBy(m => m.TelegramMessageId).ToListAsync();
            Assert.Equal([1L, 2L], parts.Select(p => p.TelegramMessageId));
            Assert.All(parts, p => Assert.Equal(ConsoleIdentity.Admin, p.ChatId));
            var k01 = await check.Tasks.SingleAsync(t => t.Code == "K-01");
            Assert.Equal(60, k01.ProgressPercent);
            Assert.Equal(UpdateChannel.Reply, (await check.ProgressUpdates.SingleAsync(u => u.TaskId == k01.Id)).Channel);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Without_a_token_the_console_is_the_one_senders_transport_and_nothing_of_Telegram_runs()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = BuildHost(database, new FakeTimeProvider(), new StringReader(""), new CapturedOutput());

        var running = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.Contains(nameof(PlanBot.Console.ConsoleChat), running);
        Assert.Single(running, nameof(PlanBot.Outbox.OutboxSender));
        Assert.DoesNotContain(nameof(PlanBot.Inbox.InboxProcessor), running);
        Assert.DoesNotContain(running, name => name.StartsWith("Telegram", StringComparison.Ordinal));
        Assert.IsType<ConsoleTransport>(host.Services.CreateScope().ServiceProvider.GetRequiredKeyedService<PlanBot.Outbox.IMessageTransport>("Console"));
        Assert.IsType<PlanBot.Outbox.NoSendRateLimit>(host.Services.GetRequiredKeyedService<PlanBot.Outbox.ISendRateLimiter>("Console"));
    }

    private static IHost BuildHost(
        TestDatabase database, FakeTimeProvider time, TextReader input, TextWriter output, IDictionary<string, string?>? settings = null) =>
        PlanBotHost.CreateBuilder([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:PlanBot"] = database.ConnectionString,
                ["PlanBot:HolidaysPath"] = Repo.File("seeds", "holidays-cn.json"),
                ["Telegram:BotToken"] = "",
                ["PlanBot:Scheduler:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(new ConsoleIO(input, output));
        }).Build();

    private static async Task<string> WaitForAsync(CapturedOutput output, string expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!output.ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Console never printed \"{expected}\". It printed:\n{output}");
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return output.ToString();
    }
}
