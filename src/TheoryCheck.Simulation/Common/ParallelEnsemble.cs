namespace TheoryCheck.Simulation.Common;

/// <summary>
/// Runs independent replicates (seeds, dimensions, parameter points) in parallel and returns their results in
/// replicate order. Results are bit-identical for every thread count provided each replicate is a pure function
/// of its index (its own keyed random streams, its own buffers): the scheduler only decides <i>when</i> a
/// replicate runs, never what it computes or where its result goes.
/// </summary>
public static class ParallelEnsemble
{
    /// <summary>
    /// Evaluates <paramref name="replicate"/>(i) for i = 0..count−1 on at most <paramref name="maxThreads"/> threads
    /// (null: <see cref="Environment.ProcessorCount"/>) and returns the results indexed by i. The first exception
    /// thrown by a replicate is rethrown (remaining replicates are not started).
    /// </summary>
    /// <param name="count">Number of replicates, ≥ 0.</param>
    /// <param name="replicate">The work of one replicate; must not share mutable state with the others.</param>
    /// <param name="maxThreads">Thread limit ≥ 1, or null for all processors.</param>
    /// <param name="cancellationToken">Stops starting new replicates.</param>
    /// <exception cref="ArgumentException">count &lt; 0 or maxThreads &lt; 1.</exception>
    public static TResult[] Run<TResult>(int count, Func<int, TResult> replicate, int? maxThreads = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replicate);
        if (count < 0) throw new ArgumentException($"count must be ≥ 0 (got {count})", nameof(count));
        if (maxThreads is < 1) throw new ArgumentException($"maxThreads must be ≥ 1 (got {maxThreads})", nameof(maxThreads));
        var results = new TResult[count];
        int threads = Math.Min(maxThreads ?? Environment.ProcessorCount, Math.Max(count, 1));
        if (threads == 1)
        {
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = replicate(i);
            }
            return results;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, count, options, i => results[i] = replicate(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return results;
    }
}
