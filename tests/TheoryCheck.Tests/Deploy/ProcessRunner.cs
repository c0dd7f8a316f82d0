using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TheoryCheck.Tests.Deploy;

/// <summary>Runs a program to completion (arguments passed as a list, never through a shell) and captures its output.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int Exit, string Out, string Error)
    {
        public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}--- stderr\n{Error}";
    }

    /// <param name="program">The program (a path, or a name looked up on PATH).</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set (null value: remove) on top of this process's environment.</param>
    /// <param name="timeout">Killed (with its children) and an exception thrown after this long.</param>
    public static Result Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = StartInfo(program, arguments, environment) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardError = true;
        process.StartInfo.RedirectStandardInput = true;
        process.Start();
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{program} {string.Join(' ', process.StartInfo.ArgumentList)}' did not finish within {limit.TotalSeconds:F0} s; output so far:\n{output.Result}{error.Result}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return info;
    }

    /// <summary>The full path of a program found on PATH or in the system folders (/usr/sbin, /sbin: daemons), or null.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string? Find(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }
        return null;
    }
}

/// <summary>The few POSIX calls the deployment tests need.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;

    public static uint EffectiveUserId() => OperatingSystem.IsLinux() ? GetEffectiveUserId() : uint.MaxValue;

    /// <summary>Sends a signal to one process (by its id); false when it is gone.</summary>
    public static bool Signal(int pid, int signal) => OperatingSystem.IsLinux() && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
