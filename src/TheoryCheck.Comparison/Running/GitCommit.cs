namespace TheoryCheck.Comparison.Running;

/// <summary>
/// The git commit of the working copy, read from the repository files (no git process): find <c>.git</c> by
/// walking up from a directory (a folder, or a worktree's <c>gitdir:</c> file), read <c>HEAD</c>, and resolve a
/// symbolic ref through loose refs (worktree then common dir) and <c>packed-refs</c>. Falls back to the
/// environment variable <c>GIT_COMMIT</c>, then "unknown".
/// </summary>
public static class GitCommit
{
    /// <summary>The commit of the repository containing the current directory (or the application folder).</summary>
    public static string Current() =>
        Read(Directory.GetCurrentDirectory()) ?? Read(AppContext.BaseDirectory)
        ?? NonEmpty(Environment.GetEnvironmentVariable("GIT_COMMIT")) ?? "unknown";

    /// <summary>The commit hash (lowercase hex) of the repository containing <paramref name="startDirectory"/>, or null.</summary>
    public static string? Read(string startDirectory)
    {
        try
        {
            string? gitDir = FindGitDirectory(startDirectory);
            if (gitDir is null) return null;
            string commonDir = gitDir;
            string commonFile = Path.Combine(gitDir, "commondir");
            if (File.Exists(commonFile)) commonDir = Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim()));
            string headFile = Path.Combine(gitDir, "HEAD");
            if (!File.Exists(headFile)) return null;
            string head = File.ReadAllText(headFile).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsHash(head) ? head.ToLowerInvariant() : null;
            string reference = head[4..].Trim();
            foreach (string dir in new[] { gitDir, commonDir })
            {
                string loose = Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(loose))
                {
                    string hash = File.ReadAllText(loose).Trim();
                    if (IsHash(hash)) return hash.ToLowerInvariant();
                }
            }
            string packed = Path.Combine(commonDir, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (string line in File.ReadLines(packed))
                {
                    if (line.StartsWith('#') || line.StartsWith('^')) continue;
                    int space = line.IndexOf(' ');
                    if (space > 0 && line[(space + 1)..].Trim() == reference && IsHash(line[..space]))
                        return line[..space].ToLowerInvariant();
                }
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FindGitDirectory(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(candidate)) return candidate;
            if (File.Exists(candidate))
            {
                string text = File.ReadAllText(candidate).Trim();
                if (!text.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                return Path.GetFullPath(Path.Combine(dir.FullName, text["gitdir:".Length..].Trim()));
            }
        }
        return null;
    }

    private static bool IsHash(string s) => (s.Length == 40 || s.Length == 64) && s.All(Uri.IsHexDigit);

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
