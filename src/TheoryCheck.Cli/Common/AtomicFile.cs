using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Writes an output file so that an interrupted or failed command never leaves it half-written: a regular file is
/// written to a temporary sibling and renamed into place; a symbolic link is written through (its final target is
/// replaced, the link stays); a special file (<c>/dev/stdout</c>, a FIFO, a device) is written directly and never
/// replaced.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Why <paramref name="path"/> cannot receive output, or null when it can: empty, a directory, a parent that is a
    /// file, or (for a regular file) a directory that takes no new entries. Checked before any work.
    /// </summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "the path is empty";
        string full;
        try
        {
            full = Destination(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e.Message;
        }
        var kind = FileKinds.Of(full);
        if (kind == FileKind.Directory) return $"'{path}' is a directory";
        for (string? parent = Path.GetDirectoryName(full); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) return $"'{parent}' is a file, not a directory";
            if (Directory.Exists(parent)) break;
        }
        // A regular file goes through a temporary sibling: its directory must take new entries (not /proc, not read-only).
        return kind == FileKind.Special || Path.GetDirectoryName(full) is not { Length: > 0 } directory ? null : OutputDirectory.Problem(directory);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (UTF-8, no BOM); failures throw <see cref="InputException"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        if (Problem(path) is string problem) throw new InputException($"--output: {problem}");
        string full = Destination(path);
        byte[] bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        try
        {
            if (FileKinds.Of(full) == FileKind.Special)
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
                stream.Write(bytes);
                return;
            }
            string directory = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(directory);
            string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            try
            {
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--output: cannot write '{path}': {e.Message}");
        }
    }

    /// <summary>The path output really goes to: symbolic links resolved to their final target (which may not exist yet).</summary>
    private static string Destination(string path)
    {
        string full = Path.GetFullPath(path);
        if (FileKinds.Of(full) == FileKind.Special) return full; // opened through any links, never replaced
        for (int hops = 0; hops < 40; hops++)
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not string target) return full;
            full = Path.GetFullPath(target, Path.GetDirectoryName(full)!);
        }
        throw new IOException($"too many levels of symbolic links at '{path}'");
    }
}
