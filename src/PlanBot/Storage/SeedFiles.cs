namespace PlanBot.Storage;

/// <summary>Finds a configured data file: as given, else relative to the executable (where the seeds are copied).</summary>
public static class SeedFiles
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        var besideExe = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideExe) ? besideExe : path;
    }
}
