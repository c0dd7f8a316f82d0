using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Comparison.Sweeps;

/// <summary>
/// A d × seed sweep (claims.md §0): every size in <see cref="Sizes"/> with <see cref="Replicates"/> seeds each,
/// replicate s of size d drawing from the stream keyed by (claim, <see cref="Label"/>, d, s).
/// Jobs are ordered size-major (all seeds of the first size, then the next size…).
/// </summary>
public sealed record SweepPlan
{
    /// <param name="sizes">Dimensions d (positive, distinct).</param>
    /// <param name="replicates">Seeds per size (≥ 1).</param>
    /// <param name="label">Separates the streams of sub-experiments of one claim (e.g. "lambda=30").</param>
    public SweepPlan(IReadOnlyList<int> sizes, int replicates, string label = "")
    {
        if (sizes.Count == 0) throw new ArgumentException("a sweep needs at least one size", nameof(sizes));
        if (sizes.Any(d => d < 1)) throw new ArgumentException("sweep sizes must be ≥ 1", nameof(sizes));
        if (sizes.Distinct().Count() != sizes.Count) throw new ArgumentException("sweep sizes must be distinct", nameof(sizes));
        if (replicates < 1) throw new ArgumentException("a sweep needs at least one replicate per size", nameof(replicates));
        Sizes = sizes.ToArray();
        Replicates = replicates;
        Label = label;
    }

    /// <summary>Dimensions d, in the given order.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Seeds per size.</summary>
    public int Replicates { get; }

    /// <summary>Stream label.</summary>
    public string Label { get; }

    /// <summary>The jobs of this plan for <paramref name="context"/>'s claim, size-major.</summary>
    public IReadOnlyList<SweepJob> Jobs(ClaimContext context)
    {
        var jobs = new SweepJob[Sizes.Count * Replicates];
        for (int i = 0; i < Sizes.Count; i++)
            for (int s = 0; s < Replicates; s++)
                jobs[i * Replicates + s] = new SweepJob(Sizes[i], i, s, context.ReplicateSeed(Sizes[i], s, Label));
        return jobs;
    }

    /// <summary>The seeds of <see cref="Jobs"/>, in job order (for <see cref="ClaimResult.Seeds"/>).</summary>
    public IReadOnlyList<ulong> Seeds(ClaimContext context) => Jobs(context).Select(j => j.Seed).ToArray();

    /// <summary>
    /// Runs <paramref name="work"/> for every job on <see cref="ClaimContext.Threads"/> threads and returns the
    /// results in job order. Larger d are started first (better load balance); the results do not depend on the
    /// thread count as long as <paramref name="work"/> draws only from the job's seed.
    /// </summary>
    public TResult[] Run<TResult>(ClaimContext context, Func<SweepJob, TResult> work)
    {
        var jobs = Jobs(context);
        var order = Enumerable.Range(0, jobs.Count).OrderByDescending(i => jobs[i].Dimension).ThenBy(i => i).ToArray();
        int done = 0;
        var byOrder = context.Map(order, i =>
        {
            var result = work(jobs[i]);
            int finished = Interlocked.Increment(ref done);
            context.Report($"d = {jobs[i].Dimension}, seed {jobs[i].Replicate + 1}/{Replicates} done ({finished}/{jobs.Count})");
            return result;
        });
        var results = new TResult[jobs.Count];
        for (int k = 0; k < order.Length; k++) results[order[k]] = byOrder[k];
        return results;
    }

    /// <summary>Splits job-ordered <paramref name="values"/> into one array per size (values[i][s] for size i, replicate s).</summary>
    public TResult[][] BySize<TResult>(IReadOnlyList<TResult> values)
    {
        if (values.Count != Sizes.Count * Replicates)
            throw new ArgumentException($"expected {Sizes.Count * Replicates} values (sizes × replicates), got {values.Count}", nameof(values));
        var bySize = new TResult[Sizes.Count][];
        for (int i = 0; i < Sizes.Count; i++)
        {
            bySize[i] = new TResult[Replicates];
            for (int s = 0; s < Replicates; s++) bySize[i][s] = values[i * Replicates + s];
        }
        return bySize;
    }
}
