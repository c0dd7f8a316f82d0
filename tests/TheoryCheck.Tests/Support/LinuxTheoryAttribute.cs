namespace TheoryCheck.Tests.Support;

/// <summary>A theory that needs Linux (e.g. running the deployment shell scripts with bash) and is reported as skipped elsewhere.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux: runs bash scripts";
    }
}
