namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// The repository root: the nearest folder at or above a start folder that contains <c>TheoryCheck.sln</c>
/// (so tests and the command find <c>&lt;root&gt;/golden</c> from bin/ folders).
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The marker file of the root.</summary>
    public const string Marker = "TheoryCheck.sln";

    /// <summary>The root above <paramref name="start"/>, or null.</summary>
    public static string? TryFind(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        return null;
    }

    /// <summary>
    /// The root above <paramref name="start"/> (default: the current directory, then the application folder);
    /// throws <see cref="InvalidOperationException"/> when there is none.
    /// </summary>
    public static string Find(string? start = null) =>
        (start is not null ? TryFind(start) : TryFind(Directory.GetCurrentDirectory()) ?? TryFind(AppContext.BaseDirectory))
        ?? throw new InvalidOperationException($"no folder containing {Marker} above '{start ?? Directory.GetCurrentDirectory()}'");

    /// <summary><c>&lt;root&gt;/golden</c>.</summary>
    public static string GoldenDirectory(string? start = null) => Path.Combine(Find(start), "golden");
}
