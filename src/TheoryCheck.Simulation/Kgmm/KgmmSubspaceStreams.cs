using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The random streams of one replicate of the subspace engine (docs/theory/subspace.md §7), disjoint from the full
/// engine's <see cref="KgmmStreams"/> (other labels), each a Philox4x32-10 stream keyed by (seed, label, d), so a run
/// is a pure function of (parameters, d, seed) whatever the thread count:
/// <list type="bullet">
/// <item><c>kgmm.subspace.init</c>: the initial coordinates; m_{ca}(0)·√d at normal position c·k + a, then the k(k−1)/2
/// entries above the diagonal of the Bartlett factor T (row by row) at the next positions;</item>
/// <item><c>kgmm.subspace.init.chi2</c>: the k diagonal χ² of the Bartlett factor, drawn in order i = 1..k by
/// <see cref="GammaSampler.Sample"/> from one sequential <see cref="RandomStream"/>;</item>
/// <item><c>kgmm.subspace.sgd</c>: step ℓ = 1, 2, … draws its label from raw position ℓ − 1 and the 2k frame coordinates
/// g of its noise from normal positions [(ℓ − 1)·2k, ℓ·2k);</item>
/// <item><c>kgmm.subspace.chi2</c>: the first Marsaglia–Tsang attempt of step ℓ's χ² reads normal position ℓ − 1 and
/// raw position ℓ − 1;</item>
/// <item><c>kgmm.subspace.chi2.retry</c> with index ℓ: attempt j = 1, 2, … after a rejection at step ℓ reads normal
/// position j − 1 and raw position j − 1;</item>
/// <item><c>kgmm.subspace.chi2.boost</c>: the boost uniform of step ℓ (only when the shape (d − 2k)/2 is below 1, i.e.
/// d = 2k + 1) at raw position ℓ − 1.</item>
/// </list>
/// </summary>
public static class KgmmSubspaceStreams
{
    /// <summary>Normal draws of the initial coordinates (docs/theory/subspace.md §5).</summary>
    public static StreamKey Initialisation(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.init", dimension);

    /// <summary>The χ² draws of the diagonal of the initial Bartlett factor (docs/theory/subspace.md §5).</summary>
    public static StreamKey InitialisationChiSquared(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.init.chi2", dimension);

    /// <summary>Labels (raw domain) and frame coordinates of the noise (normal domain) of every step.</summary>
    public static StreamKey Sgd(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.sgd", dimension);

    /// <summary>First attempt of each step's residual χ².</summary>
    public static StreamKey ChiSquared(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.chi2", dimension);

    /// <summary>Further attempts of step <paramref name="step"/>'s residual χ² after a rejection.</summary>
    public static StreamKey ChiSquaredRetry(long seed, int dimension, long step)
    {
        ReadOnlySpan<long> indices = [dimension, step];
        return StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.chi2.retry", indices);
    }

    /// <summary>Boost uniforms of the residual χ² (shape &lt; 1 only).</summary>
    public static StreamKey ChiSquaredBoost(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "kgmm.subspace.chi2.boost", dimension);
}
