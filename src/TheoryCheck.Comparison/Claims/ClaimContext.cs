using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// What a claim run may use: the profile, the number of worker threads, user overrides (which make the
/// verdict "not calibrated"), progress reporting and cancellation. Results must not depend on
/// <see cref="Threads"/>: every replicate draws from its own seed (<see cref="ReplicateSeed"/>).
/// </summary>
public sealed class ClaimContext
{
    /// <param name="claimId">Id of the claim being run (keys the replicate seeds).</param>
    /// <param name="profile">Parameter profile.</param>
    /// <param name="threads">Worker threads for d × seed sweeps (≥ 1).</param>
    public ClaimContext(string claimId, Profile profile, int threads = 1)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), "threads must be ≥ 1");
        ClaimId = claimId;
        Profile = profile;
        Threads = threads;
    }

    public string ClaimId { get; }
    public Profile Profile { get; }
    public int Threads { get; }

    /// <summary><c>name=value</c> overrides of the claim's profile parameters (from <c>--set</c>); empty when calibrated.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>True when the user overrode parameters: the result must be marked not calibrated (the runner enforces it).</summary>
    public bool HasOverrides => Overrides.Count > 0;

    /// <summary>
    /// The overrides as name → text (the last assignment of a name wins). A malformed entry (no <c>=</c>)
    /// throws <see cref="InputException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> OverrideMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in Overrides)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0) throw new InputException($"--set expects name=value (got '{assignment}')");
            map[assignment[..eq].Trim()] = assignment[(eq + 1)..].Trim();
        }
        return map;
    }

    /// <summary>
    /// Applies the overrides that name a model parameter to the claim's profile values (each validated by its
    /// <see cref="ParameterSpec"/>). Names listed in <paramref name="claimParameters"/> (claim-level knobs such
    /// as <c>T</c>, read by the claim from <see cref="OverrideMap"/>) are skipped; any other name throws
    /// <see cref="InputException"/>.
    /// </summary>
    public ParameterValues ApplyOverrides(string modelId, ParameterValues values, params string[] claimParameters)
    {
        foreach (var (name, text) in OverrideMap())
        {
            if (claimParameters.Contains(name, StringComparer.Ordinal)) continue;
            var spec = values.Specs.FirstOrDefault(s => s.Name == name)
                ?? throw new InputException($"unknown parameter '{name}' for claim '{ClaimId}' (known: {string.Join(", ", values.Specs.Select(s => s.Name).Concat(claimParameters))})");
            values = values.With(modelId, name, spec.ParseText(text));
        }
        return values;
    }

    /// <summary>Receives one-line progress messages (shown on stderr when a terminal is attached).</summary>
    public IProgress<string>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The seed of replicate <paramref name="replicate"/> at size <paramref name="d"/> of this claim
    /// (claims.md §0: the stream keyed by (C, d, s)); <paramref name="label"/> separates sub-experiments
    /// (e.g. "lambda=30"). A fixed 64-bit hash (FNV-1a then SplitMix64), stable across machines and runs.
    /// </summary>
    public ulong ReplicateSeed(long d, long replicate, string label = "") => StableSeed.Of(ClaimId, label, d, replicate);

    /// <summary>The seeds of replicates 0, 1, …, <paramref name="count"/> − 1 at size <paramref name="d"/> (<see cref="ReplicateSeed"/>).</summary>
    public ulong[] ReplicateSeeds(long d, int count, string label = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var seeds = new ulong[count];
        for (int s = 0; s < count; s++) seeds[s] = ReplicateSeed(d, s, label);
        return seeds;
    }

    /// <summary>
    /// Runs <paramref name="work"/> over <paramref name="jobs"/> on up to <see cref="Threads"/> threads and
    /// returns the results in job order (so the outcome is independent of scheduling).
    /// </summary>
    public TResult[] Map<TJob, TResult>(IReadOnlyList<TJob> jobs, Func<TJob, TResult> work)
    {
        var results = new TResult[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Threads, CancellationToken = Cancellation };
        Parallel.For(0, jobs.Count, options, i => results[i] = work(jobs[i]));
        return results;
    }

    /// <summary>Reports a progress line.</summary>
    public void Report(string message) => Progress?.Report($"{ClaimId}: {message}");
}
