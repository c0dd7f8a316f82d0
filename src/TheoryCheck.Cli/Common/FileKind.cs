using System.Runtime.InteropServices;

namespace TheoryCheck.Cli.Common;

/// <summary>What a path is on disk: missing, a regular file, a directory, or a special file (device, FIFO, socket).</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    Special,
}

/// <summary>Reads the file type of a path (following symbolic links) with the runtime's own stat shim.</summary>
internal static class FileKinds
{
    /// <summary>The kind of <paramref name="path"/> (symbolic links followed).</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        try
        {
            var status = new byte[256];
            if (SystemNative_Stat(path, status) != 0) return FileKind.Regular;
            int type = BitConverter.ToInt32(status, 4) & 0xF000; // FileStatus.Mode & S_IFMT
            return type switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                _ => FileKind.Special,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim (e.g. trimmed hosts) fall back on the conventional device trees.
            return path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal) ? FileKind.Special : FileKind.Regular;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNative_Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);
}
