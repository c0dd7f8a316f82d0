namespace TheoryCheck.Tests.Support;

/// <summary>A fact that needs Linux (e.g. capturing the native stderr of Skia) and is reported as skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux: native stderr is captured through /proc and dup2";
    }
}
