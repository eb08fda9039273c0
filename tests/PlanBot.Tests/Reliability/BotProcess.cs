using System.Diagnostics;
using System.Text;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// The built bot (PlanBot.dll beside the test assembly) as a separate process, configured by --Key=Value arguments,
/// with its stdout and stderr captured. <see cref="KillAsync"/> ends it the hard way (no graceful stop), as a crash or
/// a power cut would; disposing kills it if it is still running.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly StringBuilder _stdout;
    private readonly StringBuilder _stderr;

    private BotProcess(Process process, StringBuilder output, StringBuilder stdout, StringBuilder stderr)
    {
        _process = process;
        _output = output;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <summary>What the process wrote to stdout so far.</summary>
    public string StandardOutput => Read(_stdout);

    /// <summary>What the process wrote to stderr so far.</summary>
    public string StandardError => Read(_stderr);

    /// <summary>Everything the process wrote so far (stdout and stderr interleaved as they arrived).</summary>
    public string Output => Read(_output);

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Waits for the process to end by itself and returns its exit code; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <param name="environment">Environment variables to set, or to remove (null), after the defaults below.</param>
    public static BotProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "PlanBot.dll"));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // Plain lines (no colours), every level the tests look at.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var (output, stdout, stderr) = (new StringBuilder(), new StringBuilder(), new StringBuilder());
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process, output, stdout, stderr);
    }

    /// <summary>Writes one line to the process's stdin, as someone typing it.</summary>
    public async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the process and everything it started, without letting it stop cleanly, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder output, StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            stream.AppendLine(line);
        }
    }

    private string Read(StringBuilder stream)
    {
        lock (_output)
        {
            return stream.ToString();
        }
    }
}
