using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Storage;

namespace PlanBot.Console;

/// <summary>
/// The console chat's log. stdout is the conversation, and on a terminal stderr lands on the same screen, so log lines
/// go to a file instead: <see cref="ConsoleOptions.LogPath"/>, by default beside the database and named after it
/// (planbot.db → planbot.log). Plain text, appended, one entry per line (an exception's lines follow it), stamped with
/// the bot's clock so a rehearsal's log reads in its own time. If the file cannot be written, the lines go to stderr.
/// </summary>
/// <param name="clock">
/// Asked for at the first line, not when the logging is built: the clock needs valid settings, and a bad setting must
/// still stop the start with its own message.
/// </param>
public sealed class ConsoleLogFile(IOptions<ConsoleOptions> options, DatabaseFile database, Func<PlanClock> clock) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private TextWriter? _writer;

    /// <summary>The full path of the log file.</summary>
    public string Path { get; } = PathFor(options.Value, database);

    public static string PathFor(ConsoleOptions options, DatabaseFile database)
    {
        if (!string.IsNullOrWhiteSpace(options.LogPath))
        {
            return System.IO.Path.GetFullPath(options.LogPath);
        }

        return database.IsFile ? System.IO.Path.ChangeExtension(database.Path, ".log") : System.IO.Path.GetFullPath("planbot.log");
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_writer, System.Console.Error))
            {
                _writer?.Dispose();
            }

            _writer = null;
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var entry = new StringBuilder()
            .Append(clock().LocalNow.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture))
            .Append(' ').Append(Level(level)).Append(' ').Append(category).Append(": ").Append(message);
        if (exception is not null)
        {
            entry.AppendLine().Append(exception);
        }

        lock (_lock)
        {
            (_writer ??= Open()).WriteLine(entry.ToString());
        }
    }

    private TextWriter Open()
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Console.Error.WriteLine($"warning: cannot write the log file {Path} ({e.Message}); logging to stderr");
            return System.Console.Error;
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class FileLogger(ConsoleLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                file.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
