using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The random streams of one kgmm replicate (claims.md §0: a run is a pure function of its seed). Each purpose has
/// its own Philox stream, keyed by (seed, purpose label, d), so the means, the initialisation, the SGD samples and
/// the test samples are independent of each other and of the thread that computes them:
/// <list type="bullet">
/// <item><c>kgmm.means</c>: the d×k Gaussian matrix whose QR factor gives the means, column a at normal positions
/// [a·d, (a+1)·d);</item>
/// <item><c>kgmm.init</c>: x^c_0 = z/√d with z at normal positions [c·d, (c+1)·d);</item>
/// <item><c>kgmm.sgd</c>: step ℓ = 1, 2, … draws its label from raw position ℓ − 1 and its noise from normal positions
/// [(ℓ − 1)·d, ℓ·d);</item>
/// <item><c>kgmm.test</c> with a set index s: test sample j draws its label from raw position j and its noise from
/// normal positions [j·d, (j + 1)·d).</item>
/// </list>
/// </summary>
public static class KgmmStreams
{
    /// <summary>Stream of the Gaussian matrix that defines the means (kgmm.md §3).</summary>
    public static StreamKey Means(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "kgmm.means", dimension);

    /// <summary>Stream of the initialisation x^c_0 ~ N(0, I_d/d) (kgmm.md §3).</summary>
    public static StreamKey Initialisation(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "kgmm.init", dimension);

    /// <summary>Stream of the online SGD samples (labels in the raw domain, noise in the normal domain).</summary>
    public static StreamKey Sgd(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "kgmm.sgd", dimension);

    /// <summary>Stream of test-sample set <paramref name="set"/> (kgmm.md §10), independent of the SGD samples.</summary>
    public static StreamKey TestSamples(long seed, int dimension, int set) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.test", dimension, set);

    /// <summary>
    /// The class with cumulative probability above a uniform u ∈ [0, 1): the smallest b with u &lt; p_1 + … + p_{b+1}
    /// (0-based), the last class if round-off leaves u above the total.
    /// </summary>
    internal static int Label(double uniform, ReadOnlySpan<double> cumulative)
    {
        int k = cumulative.Length;
        for (int b = 0; b < k - 1; b++)
            if (uniform < cumulative[b]) return b;
        return k - 1;
    }

    /// <summary>Cumulative class probabilities p_1, p_1 + p_2, …, 1.</summary>
    internal static double[] Cumulative(ReadOnlySpan<double> p)
    {
        var cumulative = new double[p.Length];
        double sum = 0;
        for (int b = 0; b < p.Length; b++) cumulative[b] = sum += p[b];
        cumulative[^1] = 1.0;
        return cumulative;
    }
}
