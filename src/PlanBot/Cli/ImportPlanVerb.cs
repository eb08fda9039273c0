using PlanBot.Import;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class ImportPlanVerb(PlanBotDbContext db, PlanImporter importer) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "import plan",
        ["FILE"],
        [new CliOption("year", "YYYY"), new CliOption("organisation", "NAME")],
        "<file.json|csv|xlsx> [--year YYYY] [--organisation NAME]",
        "import or update the plan (all or nothing, idempotent by task code)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        int? year = input.Option("year") is { } text
            ? int.TryParse(text, out var y) ? y : throw new CliInputException($"'{text}' is not a year")
            : null;
        var summary = await importer.ImportAsync(
            db, SeedFiles.Resolve(input.Positional(0)), new PlanChoice(year, input.Option("organisation")), ct, fileLabel: input.Positional(0));
        input.Out.WriteLine(summary);
        return CliApp.Success;
    }
}
