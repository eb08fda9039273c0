namespace PlanBot.Dashboard;

/// <summary>
/// The page's files, embedded in the assembly (Dashboard/Assets, chart.js vendored under vendor/ with its licence):
/// nothing is fetched from the internet when the page runs, and the published bot needs no folder beside it.
/// </summary>
public static class DashboardAssets
{
    private const string Prefix = "PlanBot.Dashboard.Assets.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
    };

    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(Load);

    /// <summary>A file by its name under Assets ("index.html", "vendor/chart.umd.min.js"); null when there is none.</summary>
    public static (byte[] Content, string ContentType)? Find(string name) =>
        Files.Value.TryGetValue(name, out var content) && ContentTypes.TryGetValue(Path.GetExtension(name), out var type)
            ? (content, type)
            : null;

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }

        return files;
    }
}
