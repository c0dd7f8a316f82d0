using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The random streams of one xor replicate (claims.md §0: a run is a pure function of (parameters, d, seed)). Each
/// purpose has its own Philox stream keyed by (seed, label, d), so frame, initialisation, SGD samples and test samples
/// are independent of each other and of the thread that computes them:
/// <list type="bullet">
/// <item><c>xor.frame</c> (with K): the d×(K + 2) Gaussian matrix whose QR factor gives μ, ν (rows 0, 1) and the
/// warm-start directions u_1..u_K (rows 2..K+1), column a at normal positions [a·d, (a+1)·d);</item>
/// <item><c>xor.init</c>: <c>init = random</c>: W_i = z/√d with z at normal positions [i·d, (i+1)·d), and v_i at normal
/// position K·d + i;</item>
/// <item><c>xor.sgd</c>: step ℓ = 1, 2, … draws its cluster ⌊4u⌋ from the uniform at raw position ℓ − 1 and its noise from
/// normal positions [(ℓ − 1)·d, ℓ·d);</item>
/// <item><c>xor.test</c> with a set index s: test sample j draws its cluster from raw position j and its noise from normal
/// positions [j·d, (j + 1)·d).</item>
/// </list>
/// </summary>
public static class XorStreams
{
    /// <summary>Stream of the Gaussian matrix that defines μ, ν and the warm-start directions (xor.md §3).</summary>
    public static StreamKey Frame(long seed, int dimension, int width) => StreamKey.Derive(unchecked((ulong)seed), "xor.frame", dimension, width);

    /// <summary>Stream of the random initialisation (xor.md §3).</summary>
    public static StreamKey Initialisation(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "xor.init", dimension);

    /// <summary>Stream of the online SGD samples (clusters in the raw domain, noise in the normal domain).</summary>
    public static StreamKey Sgd(long seed, int dimension) => StreamKey.Derive(unchecked((ulong)seed), "xor.sgd", dimension);

    /// <summary>Stream of test-sample set <paramref name="set"/> (xor.md §9.4), independent of the SGD samples.</summary>
    public static StreamKey TestSamples(long seed, int dimension, int set) => StreamKey.Derive(unchecked((ulong)seed), "xor.test", dimension, set);

    /// <summary>The cluster of a uniform u ∈ [0, 1): ⌊4u⌋ (<see cref="XorClusters.FromUniform"/>).</summary>
    internal static int Cluster(double uniform) => XorClusters.FromUniform(uniform);
}
