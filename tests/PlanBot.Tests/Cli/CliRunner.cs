using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlanBot.Cli;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Cli;

/// <summary>
/// Runs the real entry point in-process against a test database (or another connection string to its file, e.g. read-only),
/// capturing what it prints.
/// </summary>
public sealed class CliRunner(TestDatabase database, string? connectionString = null)
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 15, 2, 0, 0, TimeSpan.Zero));

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await CliApp.RunAsync(
            [.. args, $"--ConnectionStrings:PlanBot={connectionString ?? database.ConnectionString}"],
            stdout,
            stderr,
            b => b.Services.AddSingleton<TimeProvider>(Time),
            timeout.Token);
        return new Result(exitCode, stdout.ToString(), stderr.ToString());
    }
}
