using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// The exclusive lock of one output directory: a lock file beside it (<c>.NAME.lock</c>) opened without sharing, held
/// for the whole run. A second run on the same directory is refused with one line (it never overwrites a report
/// another run is writing). The operating system releases the lock when the process ends, even by SIGKILL.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="directory"/>; throws <see cref="InputException"/> when another run holds it.</summary>
    public static RunLock Acquire(string directory)
    {
        string target = System.IO.Path.GetFullPath(directory).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        string parent = System.IO.Path.GetDirectoryName(target) ?? throw new InputException($"--out cannot be a file-system root ({directory})");
        Directory.CreateDirectory(parent);
        string path = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(target)}.lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // The holder's pid goes to a sidecar file: the lock file itself cannot be read while it is held.
            File.WriteAllText(path + ".pid", $"{Environment.ProcessId}\n");
            return new RunLock(stream, path);
        }
        catch (IOException)
        {
            string holder = "";
            try
            {
                holder = File.ReadAllText(path + ".pid").Trim();
            }
            catch (IOException)
            {
            }
            throw new InputException($"another theorycheck run{(holder.Length > 0 ? $" (pid {holder})" : "")} is writing {target}: wait for it to finish or choose another --out");
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
