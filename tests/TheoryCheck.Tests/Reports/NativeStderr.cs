using System.Runtime.InteropServices;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// Captures what native code (Skia's SkDebugf) writes to file descriptor 2 while an action runs: Console.SetError
/// only sees managed writes. Linux only (dup/dup2 from libc); callers run in <see cref="NativeStderrCollection"/>
/// so that no other test writes to the redirected descriptor meanwhile.
/// </summary>
internal static partial class NativeStderr
{
    public static bool Supported => OperatingSystem.IsLinux();

    public static string Capture(Action action)
    {
        if (!Supported) throw new PlatformNotSupportedException("native stderr capture needs Linux");
        string path = Path.Combine(Path.GetTempPath(), "theorycheck-stderr-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            int saved;
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                int fd = (int)file.SafeFileHandle.DangerousGetHandle();
                saved = Dup(2);
                if (saved < 0 || Dup2(fd, 2) < 0) throw new InvalidOperationException($"dup/dup2 failed (errno {Marshal.GetLastPInvokeError()})");
            }
            try
            {
                action();
            }
            finally
            {
                Dup2(saved, 2);
                Close(saved);
            }
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

/// <summary>Tests that redirect the process's native stderr run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeStderrCollection
{
    public const string Name = "native stderr";
}
