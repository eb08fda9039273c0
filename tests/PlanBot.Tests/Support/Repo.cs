namespace PlanBot.Tests.Support;

/// <summary>Paths in the repository (seeds, samples), found by walking up from the test binary to PlanBot.sln.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "PlanBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlanBot.sln not found above " + AppContext.BaseDirectory);
    }
}
