namespace TheoryCheck.Cli.Common;

/// <summary>
/// Checks, before any work, that a command can write into a directory (run/merge <c>--out</c>, golden
/// <c>--golden-dir</c>): the directory, or its nearest existing ancestor when it does not exist yet, must be a
/// directory in which an entry can be created — probed by creating and removing a uniquely named empty directory, so
/// read-only file systems, <c>/proc</c>, missing permissions and paths under a file are all found up front.
/// </summary>
public static class OutputDirectory
{
    /// <summary>Why <paramref name="path"/> is not a usable path at all (empty, a NUL character, too long), or null.</summary>
    public static string? PathProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "the path is empty";
        try
        {
            Path.GetFullPath(path);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            return $"'{path}' is not a usable path: {e.Message}";
        }
    }

    /// <summary>Why nothing can be written into <paramref name="directory"/>, or null when it can.</summary>
    public static string? Problem(string directory)
    {
        if (PathProblem(directory) is string unusable) return unusable;
        string full = Path.GetFullPath(directory);
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"'{existing}' is a file, not a directory";
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return $"no part of '{directory}' exists";
        string probe = Path.Combine(existing, $".theorycheck-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"cannot write under '{existing}': {e.Message}";
        }
    }
}
