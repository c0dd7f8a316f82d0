using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The random streams of one replicate of the cws subspace engine (docs/theory/subspace.md §11.5), disjoint from the
/// full engine's <see cref="CwsStreams"/> (other labels), each a Philox4x32-10 stream keyed by (seed, label, d), so a
/// run is a pure function of (parameters, d, seed) whatever the thread count. With n_N the number of noise coordinates
/// per step (<see cref="CwsSubspaceGeometry.NoiseDimension"/>):
/// <list type="bullet">
/// <item><c>cws.subspace.sgd</c>: step ℓ = 1, 2, … draws its class from the uniform at raw position ℓ − 1 (class c is the
/// smallest with u &lt; p_1 + … + p_c, as <see cref="CwsStreams"/>) and the n_N noisy-block frame coordinates g of its
/// noise from normal positions [(ℓ − 1)·n_N, ℓ·n_N);</item>
/// <item><c>cws.subspace.chi2</c>, <c>cws.subspace.chi2.retry</c> (with ℓ), <c>cws.subspace.chi2.boost</c>: the residual
/// norm ρ_ℓ = √χ²_{d_N−n_N} of step ℓ at the positions of <see cref="ResidualNormBlock"/>.</item>
/// </list>
/// X_0 = 0 is deterministic: nothing is drawn for the initial state.
/// </summary>
public static class CwsSubspaceStreams
{
    /// <summary>Classes (raw domain) and noisy-block frame coordinates of the noise (normal domain) of every step.</summary>
    public static StreamKey Sgd(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "cws.subspace.sgd", dimension);

    /// <summary>First attempt of each step's residual χ².</summary>
    public static StreamKey ChiSquared(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "cws.subspace.chi2", dimension);

    /// <summary>Further attempts of step <paramref name="step"/>'s residual χ² after a rejection.</summary>
    public static StreamKey ChiSquaredRetry(long seed, int dimension, long step)
    {
        ReadOnlySpan<long> indices = [dimension, step];
        return StreamKey.Derive(unchecked((ulong)seed), "cws.subspace.chi2.retry", indices);
    }

    /// <summary>Boost uniforms of the residual χ² (shape &lt; 1 only, d_N = n_N + 1).</summary>
    public static StreamKey ChiSquaredBoost(long seed, int dimension) =>
        StreamKey.Derive(unchecked((ulong)seed), "cws.subspace.chi2.boost", dimension);
}
