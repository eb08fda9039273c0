namespace PlanBot.Import;

/// <summary>What an import did. <paramref name="What"/> names the plan or the roster.</summary>
/// <param name="NotInFile">Codes or names already stored that the file does not mention; they are left as they are.</param>
public sealed record ImportSummary(string What, int Created, int Updated, int Unchanged, IReadOnlyList<string> NotInFile)
{
    public bool ChangedAnything => Created + Updated > 0;

    public override string ToString() =>
        $"{What}: created {Created}, updated {Updated}, unchanged {Unchanged}"
        + (NotInFile.Count > 0 ? $"; not in the file and left as they are: {string.Join(", ", NotInFile)}" : "");
}
