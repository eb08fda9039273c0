using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanBot.Clock;
using PlanBot.Import;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>
/// The entry point: no verb (or "run") runs the bot; any other verb builds the same host (configuration files,
/// environment variables and --Key=Value arguments all apply), migrates and seeds the database like the bot does,
/// runs the verb in a DI scope and returns its exit code without starting the hosted services.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <param name="configure">Lets tests adjust the host (e.g. register a FakeTimeProvider) before the features are added.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        // Configuration may also come before the verb: PlanBot --ConnectionStrings:PlanBot=… tasks list.
        var leadingSettings = args.TakeWhile(IsSetting).ToArray();
        var rest = args[leadingSettings.Length..];
        if (rest is ["--help" or "-h" or "help", ..])
        {
            CliVerbCatalog.WriteUsage(stdout);
            return Success;
        }

        if (rest.Length == 0 || rest[0] == "run" || rest[0].StartsWith('-'))
        {
            return await RunBotAsync([.. leadingSettings, .. rest is ["run", ..] ? rest[1..] : rest], stderr, configure, ct);
        }

        if (CliVerbCatalog.Find(rest) is not { } verb)
        {
            stderr.WriteLine($"unknown verb '{string.Join(' ', rest.TakeWhile(a => !a.StartsWith('-')).Take(2))}'");
            CliVerbCatalog.WriteUsage(stderr);
            return BadInput;
        }

        try
        {
            var parsed = CliArguments.Parse(verb.Spec, rest.Skip(verb.Spec.Words.Count));
            var builder = PlanBotHost.CreateCliBuilder([.. leadingSettings, .. parsed.HostArgs], configure);
            QuietLogging(builder);
            using var host = builder.Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.Services.GetRequiredService<DatabaseStartup>().StartAsync(ct);
            try
            {
                int exitCode;
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var instance = (ICliVerb)ActivatorUtilities.CreateInstance(scope.ServiceProvider, verb.Type);
                    exitCode = await instance.RunAsync(new CliInvocation(parsed.Positionals, parsed.Options, stdout, stderr), ct);
                }

                await WarnOfCalendarGapsAsync(host.Services, stderr, ct);
                return exitCode;
            }
            catch (Exception e) when (e.GetBaseException() is SqliteException sqlite)
            {
                // E.g. a write on a read-only file: the cause alone does not say which file.
                throw new DatabaseUnavailableException($"database {host.Services.GetRequiredService<DatabaseFile>().Path}: {sqlite.Message}", e);
            }
        }
        catch (Exception e) when (ReportBadInput(e, stderr))
        {
            return BadInput;
        }
        catch (DatabaseUnavailableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"error: {e.GetBaseException().Message}");
            return Failure;
        }
    }

    /// <summary>After the verb, so an import or a deadline move it made is taken into account.</summary>
    private static async Task WarnOfCalendarGapsAsync(IServiceProvider services, TextWriter stderr, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanBotDbContext>();
        if (await services.GetRequiredService<CalendarCoverage>().WarningAsync(db, ct) is { } warning)
        {
            stderr.WriteLine($"warning: {warning}");
        }
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) > 2;

    private static async Task<int> RunBotAsync(string[] args, TextWriter stderr, Action<HostApplicationBuilder>? configure, CancellationToken ct)
    {
        try
        {
            using var host = PlanBotHost.CreateBuilder(args, configure).Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            // The database steps of the first hosted services, run before the host so a database the bot cannot use is
            // one line here instead of the host's start-up failure log; the hosted services then find them done.
            await host.Services.GetRequiredService<InstanceLeaseHolder>().StartAsync(ct);
            await host.Services.GetRequiredService<DatabaseStartup>().StartAsync(ct);
            await host.RunAsync(ct);
            return Success;
        }
        catch (Exception e) when (ReportBadInput(e, stderr))
        {
            return BadInput;
        }
        catch (DatabaseUnavailableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>Writes the reason for input the user can fix (arguments, import files, settings); false for anything else.</summary>
    private static bool ReportBadInput(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case CliInputException:
                stderr.WriteLine(e.Message);
                return true;
            case ImportFailedException failed:
                foreach (var error in failed.Errors)
                {
                    stderr.WriteLine(error);
                }

                return true;
            case OptionsValidationException invalid:
                stderr.WriteLine($"configuration: {string.Join("; ", invalid.Failures)}");
                return true;
            default:
                return false;
        }
    }

    /// <summary>A verb's stdout is its answer (often JSON): logs go to stderr, and only warnings and errors.</summary>
    private static void QuietLogging(HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("PlanBot", LogLevel.Warning);
    }
}
