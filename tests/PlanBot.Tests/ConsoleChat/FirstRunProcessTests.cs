using PlanBot.Tests.Reliability;

namespace PlanBot.Tests.ConsoleChat;

/// <summary>
/// The README's first command as a real process (the built PlanBot.dll, stdin and stdout piped): the console chat on a
/// fresh database. stdout is the conversation and nothing else; the log goes to a file beside the database.
/// </summary>
public sealed class FirstRunProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"planbot-first-run-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task A_fresh_console_bot_prints_its_banner_and_the_chat_on_stdout_sends_nothing_unasked_and_logs_to_a_file()
    {
        var log = Path.Combine(_folder, "planbot.log");
        await using var bot = BotProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:PlanBot"] = $"Data Source={Path.Combine(_folder, "planbot.db")}",
            // Pinned to a working Wednesday past Monday's digest, the month's report day and today's 09:00 scan.
            ["PlanBot:Clock:StartAt"] = "2025-12-03T10:00:00+08:00",
            ["Console:AttachmentsPath"] = Path.Combine(_folder, "files"),
        });

        await WaitForAsync(() => bot.StandardOutput, "/quit", bot);
        await WaitForAsync(() => ReadShared(log), "Reminder scan not due", bot);
        await bot.TypeAsync("/lists");
        await WaitForAsync(() => bot.StandardOutput, "[1]", bot);
        await bot.TypeAsync("/quit");
        Assert.Equal(0, await bot.WaitForExitAsync(Patience));

        var stdout = bot.StandardOutput;
        Assert.StartsWith("PlanBot 控制台聊天", stdout, StringComparison.Ordinal);
        Assert.Contains("日期:2025年12月3日 星期三 10:00(Asia/Shanghai,演练时钟", stdout, StringComparison.Ordinal);
        Assert.Contains($"运行日志写入 {log}", stdout, StringComparison.Ordinal);
        Assert.Contains("[1] 三张清单", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[2]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Hosting", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Equal("", bot.StandardError.Trim());
        var logged = ReadShared(log);
        Assert.Contains("info PlanBot.Storage.DatabaseStartup: Database ready", logged, StringComparison.Ordinal);
        Assert.Contains("info Microsoft.Hosting.Lifetime: Application started", logged, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', logged);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The file as far as it is written, while the bot may still be writing it; empty while it does not exist.</summary>
    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    private static async Task WaitForAsync(Func<string> text, string expected, BotProcess bot)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!text().Contains(expected, StringComparison.Ordinal))
        {
            if (timeout.IsCancellationRequested || bot.HasExited)
            {
                Assert.Fail($"Never saw \"{expected}\". The bot wrote:\n{bot.Output}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
