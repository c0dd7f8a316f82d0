using TheoryCheck.Models.Kgmm;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// A full finite-d kgmm state (kgmm.md §2–§4): the weights x^1..x^k ∈ ℝ^d and the means μ_1..μ_k of the run,
/// with the parameters, seed, step ℓ and time t = ℓ·δ it belongs to. Used for the empirical test matrices
/// (§10) and alignment metrics (§12). Immutable: the arrays are copies owned by this object.
/// </summary>
public sealed class KgmmState
{
    private readonly double[] _weights;
    private readonly double[] _means;

    /// <summary>
    /// A state from its parts. <paramref name="weights"/> and <paramref name="means"/> hold k rows of length d each
    /// (x^c at [c·d, (c+1)·d), μ_a likewise); they are copied.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong lengths, d &lt; 2k or a negative step.</exception>
    public KgmmState(KgmmParameters parameters, int dimension, long seed, long step, ReadOnlySpan<double> weights, ReadOnlySpan<double> means)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.K;
        if (dimension < 2 * k) throw new ArgumentException($"d must be ≥ 2k = {2 * k} (got {dimension})", nameof(dimension));
        if (weights.Length != (long)k * dimension) throw new ArgumentException($"weights must have k·d = {(long)k * dimension} entries", nameof(weights));
        if (means.Length != (long)k * dimension) throw new ArgumentException($"means must have k·d = {(long)k * dimension} entries", nameof(means));
        if (step < 0) throw new ArgumentException($"step must be ≥ 0 (got {step})", nameof(step));
        Parameters = parameters;
        Dimension = dimension;
        Seed = seed;
        Step = step;
        _weights = weights.ToArray();
        _means = means.ToArray();
    }

    /// <summary>Model parameters of the run.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>Number of classes k.</summary>
    public int K => Parameters.K;

    /// <summary>Data dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Seed of the run (keys the test-sample streams, <see cref="KgmmStreams.TestSamples"/>).</summary>
    public long Seed { get; }

    /// <summary>SGD step ℓ of this state (0 = initialisation).</summary>
    public long Step { get; }

    /// <summary>Model time t = ℓ·δ = ℓ·c_δ/d.</summary>
    public double Time => Step * Parameters.CDelta / Dimension;

    /// <summary>The stacked weight vector x = (x^1; …; x^k) ∈ ℝ^{kd} (x^c at [c·d, (c+1)·d)).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The means μ_1..μ_k (orthonormal), stored like <see cref="Weights"/>.</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>x^c (0-based class index).</summary>
    public ReadOnlySpan<double> Weight(int c) => _weights.AsSpan(CheckClass(c) * Dimension, Dimension);

    /// <summary>μ_a (0-based class index).</summary>
    public ReadOnlySpan<double> Mean(int a) => _means.AsSpan(CheckClass(a) * Dimension, Dimension);

    /// <summary>The means as separate arrays (copies), e.g. for principal angles to span(μ_1..μ_k).</summary>
    public double[][] MeanVectors()
    {
        var vectors = new double[K][];
        for (int a = 0; a < K; a++) vectors[a] = Mean(a).ToArray();
        return vectors;
    }

    /// <summary>Summary statistics m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e (kgmm.md §4), with fixed-order dot products.</summary>
    /// <exception cref="ArgumentException">The state is not finite.</exception>
    public KgmmStatistics Statistics()
    {
        int k = K;
        var m = new double[k * k];
        var r = new double[k * k];
        KgmmSgdSimulation.ComputeStatistics(k, Dimension, _weights, Dimension, _means, Dimension, m, r);
        return new KgmmStatistics(k, m, r);
    }

    /// <summary>True when every weight is finite.</summary>
    public bool IsFinite => FixedOrderKernels.AllFinite(_weights);

    private int CheckClass(int c) =>
        (uint)c < (uint)K ? c : throw new ArgumentOutOfRangeException(nameof(c), $"class index must lie in [0, {K - 1}] (0-based)");
}
