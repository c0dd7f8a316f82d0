using System.Runtime.InteropServices;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// What the report says about the run as a whole (title page, page headers, provenance).
/// </summary>
/// <param name="Profile">Profile the claims ran at.</param>
/// <param name="GitCommit">Commit of the code (or "unknown").</param>
/// <param name="Started">When the run started (shown in UTC; also the PDF creation date, so reruns are byte-stable).</param>
/// <param name="TotalSeconds">Wall-clock duration of the whole run in seconds.</param>
/// <param name="CommandLine">The command as typed, e.g. <c>theorycheck run --all --profile quick</c>.</param>
/// <param name="Machine">Machine description, e.g. from <see cref="DescribeMachine"/>.</param>
public sealed record RunInfo(Profile Profile, string GitCommit, DateTimeOffset Started, double TotalSeconds, string CommandLine, string Machine)
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "TheoryCheck report";

    /// <summary>Operating system, architecture, logical cores and .NET version of this process.</summary>
    public static string DescribeMachine() =>
        $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {Environment.ProcessorCount} logical cores, " +
        $".NET {Environment.Version}";

    /// <summary>Throws <see cref="ArgumentException"/> for a missing string or a negative or non-finite duration.</summary>
    public RunInfo Validated()
    {
        if (GitCommit is null || CommandLine is null || Machine is null || Title is null)
            throw new ArgumentException("RunInfo: GitCommit, CommandLine, Machine and Title must not be null");
        if (!double.IsFinite(TotalSeconds) || TotalSeconds < 0)
            throw new ArgumentException($"RunInfo: TotalSeconds must be finite and ≥ 0, got {TotalSeconds}");
        return this;
    }
}
