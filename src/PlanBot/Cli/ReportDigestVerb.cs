using System.Globalization;
using PlanBot.Clock;
using PlanBot.Import;
using PlanBot.Reports;
using PlanBot.Texts;

namespace PlanBot.Cli;

public sealed class ReportDigestVerb(DigestService digests, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "report digest",
        [],
        [new CliOption("as-of", "YYYY-MM-DD"), CliReportOptions.Language],
        "[--as-of YYYY-MM-DD] [--lang zh|en]",
        "the supervisors' digest as plain text (sends nothing)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var language = CliReportOptions.LanguageOf(input, Spec.Name);
        var asOf = clock.Today;
        if (input.Option("as-of") is { } text && !ImportValues.TryParseDate(text, out asOf))
        {
            throw new CliInputException($"{Spec.Name}: --as-of {ImportValues.NotADate(text)}");
        }

        var html = await digests.RenderAsync(language, asOf, ct);
        input.Out.Write(Html.ToPlainText(html).TrimEnd('\n'));
        input.Out.WriteLine();
        if (asOf != clock.Today)
        {
            // The plan keeps only today's progress per task: an earlier day's lights are read from it, not from that day.
            input.Error.WriteLine($"note: lights for {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} are computed from today's progress");
        }

        return CliApp.Success;
    }
}
