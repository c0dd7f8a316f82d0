using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The random streams of one replicate of the xor subspace engine (docs/theory/subspace.md §10.5), disjoint from the
/// full engine's <see cref="XorStreams"/> (other labels), each a Philox4x32-10 stream keyed by (seed, label, d), so a
/// run is a pure function of (parameters, d, seed) whatever the thread count. With n = K + 2 the frame dimension:
/// <list type="bullet">
/// <item><c>xor.subspace.init</c> (<c>init = random</c> only): normal positions [0, K) hold √d·W_i·μ, [K, 2K) hold
/// √d·W_i·ν, [2K, 3K) hold v_i, and the next K(K − 1)/2 positions the entries above the diagonal of the Bartlett
/// factor T of the orthogonal part, row by row;</item>
/// <item><c>xor.subspace.init.chi2</c> (<c>init = random</c> only): the K diagonal χ²_{d−2−i} (i = 0..K−1) of T, drawn
/// in order by <see cref="GammaSampler.Sample"/> from one sequential <see cref="RandomStream"/>;</item>
/// <item><c>xor.subspace.sgd</c>: step ℓ = 1, 2, … draws its cluster ⌊4u⌋ from raw position ℓ − 1 and the n frame
/// coordinates g of its standard normal noise from normal positions [(ℓ − 1)·n, ℓ·n);</item>
/// <item><c>xor.subspace.chi2</c>, <c>xor.subspace.chi2.retry</c> (with ℓ), <c>xor.subspace.chi2.boost</c>: the residual
/// norm ρ_ℓ = √χ²_{d−n} of step ℓ at the positions of <see cref="ResidualNormBlock"/> (first attempt at normal and raw
/// position ℓ − 1; retries at positions 0, 1, … of the retry stream of ℓ; boost uniform, only for d = n + 1, at raw
/// position ℓ − 1).</item>
/// </list>
/// </summary>
public static class XorSubspaceStreams
{
    /// <summary>Normal draws of the random initial coordinates (subspace.md §10.3).</summary>
    public static StreamKey Initialisation(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.init", dimension);

    /// <summary>The χ² draws of the diagonal of the initial Bartlett factor (subspace.md §10.3).</summary>
    public static StreamKey InitialisationChiSquared(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.init.chi2", dimension);

    /// <summary>Clusters (raw domain) and frame coordinates of the noise (normal domain) of every step.</summary>
    public static StreamKey Sgd(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.sgd", dimension);

    /// <summary>First attempt of each step's residual χ².</summary>
    public static StreamKey ChiSquared(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.chi2", dimension);

    /// <summary>Further attempts of step <paramref name="step"/>'s residual χ² after a rejection.</summary>
    public static StreamKey ChiSquaredRetry(long seed, int dimension, long step)
    {
        ReadOnlySpan<long> indices = [dimension, step];
        return StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.chi2.retry", indices);
    }

    /// <summary>Boost uniforms of the residual χ² (shape &lt; 1 only, d = K + 3).</summary>
    public static StreamKey ChiSquaredBoost(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "xor.subspace.chi2.boost", dimension);
}
