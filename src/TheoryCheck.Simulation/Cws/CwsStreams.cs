using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The random streams of one <c>cws</c> replicate (claims.md §0: a run is a pure function of its seed): Philox keyed
/// by (seed, "cws.sgd", d). SGD step ℓ = 1, 2, … draws its class from the uniform at raw position ℓ − 1 (class c is the
/// smallest with u &lt; p_1 + … + p_c) and z ~ N(0, I_d) from normal positions [(ℓ − 1)·d, ℓ·d). The class means
/// for C ≥ 3 come from the problem's own stream (<see cref="Models.Cws.CwsMixture.MeanSignsKey"/>, keyed by
/// problem_seed), shared with the theory and independent of the replicate seed.
/// </summary>
public static class CwsStreams
{
    /// <summary>Stream of the online SGD samples (classes in the raw domain, noise in the normal domain).</summary>
    public static StreamKey Sgd(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "cws.sgd", dimension);

    /// <summary>The class of a uniform u ∈ [0, 1): the smallest c (0-based) with u &lt; p_1 + … + p_{c+1}, the last class if round-off leaves u above the total.</summary>
    internal static int Class(double uniform, ReadOnlySpan<double> cumulative)
    {
        for (int c = 0; c < cumulative.Length - 1; c++)
            if (uniform < cumulative[c]) return c;
        return cumulative.Length - 1;
    }

    /// <summary>Cumulative probabilities p_1, p_1 + p_2, …, 1.</summary>
    internal static double[] Cumulative(ReadOnlySpan<double> p)
    {
        var cumulative = new double[p.Length];
        double sum = 0;
        for (int c = 0; c < p.Length; c++) cumulative[c] = sum += p[c];
        cumulative[^1] = 1.0;
        return cumulative;
    }
}
