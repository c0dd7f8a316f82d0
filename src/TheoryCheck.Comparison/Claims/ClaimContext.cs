using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// What a claim run may use: the profile, the number of worker threads, the engine, the user's overrides (validated
/// before the run by <see cref="ClaimOverrides.Validate"/>), whether the negative control is applied, progress
/// reporting and cancellation. Results must not depend on <see cref="Threads"/>: every replicate draws from its own
/// seed (<see cref="ReplicateSeed"/>).
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

    /// <summary>The simulation engine to use (one of the claim's <see cref="IClaim.Engines"/>; default <c>full</c>).</summary>
    public string Engine { get; init; } = "full";

    /// <summary>True when the claim must apply its <see cref="IClaim.Control"/> to the theory side.</summary>
    public bool NegativeControl { get; init; }

    /// <summary>
    /// Size of the negative control relative to its nominal perturbation (1: as documented; 0.5: half the change), for
    /// measuring a claim's resolution — the smallest perturbation it detects.
    /// </summary>
    public double ControlStrength { get; init; } = 1;

    /// <summary>
    /// The factor the theory side applies: 1 without the control, else 1 + strength·(<paramref name="nominal"/> − 1),
    /// with <paramref name="nominal"/> the claim's documented control factor.
    /// </summary>
    public double ControlFactor(double nominal) => NegativeControl ? 1 + ControlStrength * (nominal - 1) : 1;

    /// <summary>The user's <c>--set</c> assignments (empty at the catalogue's parameters).</summary>
    public ClaimOverrides Overrides { get; init; } = ClaimOverrides.None;

    /// <summary>True when the user changed parameters: the result is marked "parameters changed".</summary>
    public bool HasOverrides => Overrides.Count > 0;

    /// <summary>
    /// The profile's model parameters with the user's overrides of model parameters applied (names that are claim
    /// settings are skipped; each value is validated by its <see cref="ParameterSpec"/>).
    /// </summary>
    public ParameterValues Apply(ParameterValues profile)
    {
        var specs = profile.Specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var (name, text) in Overrides.Entries)
            if (specs.TryGetValue(name, out var spec) && !spec.SimulationOnly)
                profile = profile.With(name, spec.ParseText(text));
        return profile;
    }

    /// <summary>The typed profile parameters with the user's overrides applied (unchanged when there are none).</summary>
    public TParameters Apply<TParameters>(TParameters profile) where TParameters : IModelParameters<TParameters> =>
        HasOverrides ? TParameters.FromValues(Apply(profile.ToValues())) : profile;

    /// <summary>The value of a claim setting: the user's override when given, else <paramref name="profileValue"/>.</summary>
    public T Setting<T>(ClaimSetting<T> setting, T profileValue) =>
        Overrides.TextOf(setting.Name) is string text ? setting.Read(ClaimSettings.Parse(setting, text)) : profileValue;

    /// <summary>
    /// The run's cells (results store and shard), or null to compute every run and keep nothing (tests, goldens).
    /// Claims that implement <see cref="IShardableClaim"/> take their simulation runs through it.
    /// </summary>
    public Store.CellCache? Cells { get; init; }

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

    private readonly System.Collections.Concurrent.ConcurrentQueue<Models.Observables.NumericalFault> _faults = new();

    /// <summary>
    /// Records a numerical fault that does not stop the claim (Lanczos not converged, a QMC error above its tolerance);
    /// the runner adds the recorded faults to the result (<see cref="ClaimResult.Faults"/>). Thread-safe.
    /// </summary>
    public void RecordFault(Models.Observables.NumericalFault? fault)
    {
        if (fault is not null) _faults.Enqueue(fault);
    }

    /// <summary>Records every fault of <paramref name="faults"/> (see <see cref="RecordFault"/>).</summary>
    public void RecordFaults(IEnumerable<Models.Observables.NumericalFault> faults)
    {
        foreach (var fault in faults) _faults.Enqueue(fault);
    }

    /// <summary>The faults recorded so far, each once, in the order first recorded.</summary>
    public IReadOnlyList<Models.Observables.NumericalFault> Faults => _faults.Distinct().ToList();

    /// <summary>Reports a progress line.</summary>
    public void Report(string message) => Progress?.Report($"{ClaimId}: {message}");
}
