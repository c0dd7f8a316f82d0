namespace TheoryCheck.Tests.Support;

/// <summary>
/// A fact that executes a .NET Interactive notebook with Jupyter's nbclient. Decided at discovery from what can be known
/// without starting a kernel: reported as skipped, with the reason, when /usr/bin/python3 with nbclient (Debian's
/// python3-nbclient, jupyter-notebook) is missing or the <c>.net-csharp</c> kernel is not registered (<c>dotnet tool
/// restore</c>, then <c>dotnet interactive jupyter install</c>; .ci/run does both and fails when it cannot). Past
/// discovery nothing is skipped: a kernel that does not start fails the test.
/// </summary>
public sealed class NotebookFactAttribute : FactAttribute
{
    /// <summary>The Python that has nbclient (Debian's, ahead of any other on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    public NotebookFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux with Debian's jupyter packages";
        else if (!File.Exists(Python)) Skip = $"{Python} not found (apt-get install jupyter-notebook python3-nbclient; .ci/run installs them)";
        else if (!Directory.Exists("/usr/lib/python3/dist-packages/nbclient"))
            Skip = "python3-nbclient is not installed (apt-get install jupyter-notebook python3-nbclient; .ci/run installs them)";
        else if (KernelSpec() is null)
            Skip = "the .NET Interactive C# kernel (.net-csharp) is not registered with Jupyter " +
                   "(dotnet tool restore; dotnet interactive jupyter install; .ci/run does both)";
    }

    /// <summary>The kernel.json of the .net-csharp kernel in Jupyter's data directories, or null.</summary>
    public static string? KernelSpec()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("JUPYTER_PATH") is { Length: > 0 } extra) roots.AddRange(extra.Split(':'));
        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter"));
        roots.AddRange(["/usr/local/share/jupyter", "/usr/share/jupyter"]);
        return roots.Select(r => Path.Combine(r, "kernels", ".net-csharp", "kernel.json")).FirstOrDefault(File.Exists);
    }
}
