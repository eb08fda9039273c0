using PlanBot.Import;
using PlanBot.Storage;

namespace PlanBot.Cli;

public sealed class ImportRosterVerb(PlanBotDbContext db, RosterImporter importer) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "import roster",
        ["FILE"],
        [],
        "<file.csv|xlsx>",
        "import or update roster members (all or nothing, idempotent by name)");

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        input.Out.WriteLine(await importer.ImportAsync(db, SeedFiles.Resolve(input.Positional(0)), ct, fileLabel: input.Positional(0)));
        return CliApp.Success;
    }
}
