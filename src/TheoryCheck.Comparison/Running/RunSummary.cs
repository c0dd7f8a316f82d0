using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Comparison.Running;

/// <summary>
/// The outcome of <see cref="ClaimRunner.Run"/>: every claim's result in run order, with the profile, thread
/// count, git commit, start time and total wall time.
/// </summary>
/// <param name="Results">One result per selected claim, in selection order.</param>
/// <param name="Profile">Profile of the run.</param>
/// <param name="Threads">Worker threads given to each claim.</param>
/// <param name="GitCommit">Commit of the code (or "unknown").</param>
/// <param name="StartTime">When the run started.</param>
/// <param name="TotalSeconds">Wall time of the whole run in seconds.</param>
public sealed record RunSummary(IReadOnlyList<ClaimResult> Results, Profile Profile, int Threads, string GitCommit,
    DateTimeOffset StartTime, double TotalSeconds)
{
    /// <summary>True when there is at least one result and every verdict is <see cref="Verdict.Holds"/> (the command's exit code 0).</summary>
    public bool AllHold => Results.Count > 0 && Results.All(r => r.Verdict == Verdict.Holds);

    /// <summary>True when some verdict is <see cref="Verdict.Fails"/> or <see cref="Verdict.Diverged"/>.</summary>
    public bool AnyFailed => Results.Any(r => r.Verdict is Verdict.Fails or Verdict.Diverged);

    /// <summary>
    /// True when every result did what its mode asks (<see cref="ClaimResult.AsExpected"/>: holds in a normal run, does
    /// not hold under its negative control) — the command's exit code 0.
    /// </summary>
    public bool AllAsExpected => Results.Count > 0 && Results.All(r => r.AsExpected);

    /// <summary>Claims of a shard run left to other shards (they complete when the shard stores are merged).</summary>
    public IReadOnlyList<string> Pending { get; init; } = [];

    /// <summary>Claim results read back from the store instead of computed (a resumed run).</summary>
    public int ReusedClaims { get; init; }

    /// <summary>Simulation cells computed by this run.</summary>
    public int CellsComputed { get; init; }

    /// <summary>Simulation cells read back from the store.</summary>
    public int CellsReused { get; init; }

    /// <summary>Number of results with verdict <paramref name="verdict"/>.</summary>
    public int Count(Verdict verdict) => Results.Count(r => r.Verdict == verdict);
}
