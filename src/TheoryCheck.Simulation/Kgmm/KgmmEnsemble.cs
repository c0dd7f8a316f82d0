using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// Seed ensembles of kgmm runs: many replicates (seeds × dimensions) in parallel, results in problem order and
/// bit-identical for any thread count (each replicate owns its keyed streams, <see cref="KgmmStreams"/>).
/// </summary>
public static class KgmmEnsemble
{
    /// <summary>The problems of a sweep: for every d in <paramref name="dimensions"/> (outer) every seed (inner).</summary>
    public static IReadOnlyList<KgmmSimulationProblem> Problems(KgmmParameters parameters, IReadOnlyList<int> dimensions,
        IReadOnlyList<long> seeds, TimeGrid grid, IReadOnlyList<double>? snapshotTimes = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(seeds);
        var problems = new List<KgmmSimulationProblem>(dimensions.Count * seeds.Count);
        foreach (int d in dimensions)
            foreach (long seed in seeds)
                problems.Add(new KgmmSimulationProblem(parameters, d, seed, grid, snapshotTimes));
        return problems;
    }

    /// <summary>
    /// Runs every problem with <paramref name="engine"/> on at most <paramref name="maxThreads"/> threads (null: all
    /// processors); result i belongs to problem i.
    /// </summary>
    public static KgmmRun[] Run(IKgmmEngine engine, IReadOnlyList<KgmmSimulationProblem> problems, int? maxThreads = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(problems);
        // Largest problems first would balance better, but order does not change results; keep it simple.
        return ParallelEnsemble.Run(problems.Count, i => engine.Run(problems[i], cancellationToken), maxThreads, cancellationToken);
    }
}
