using TheoryCheck.Numerics.Kernels;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// A full finite-d xor state (xor.md §2–§4): the first layer W ∈ ℝ^{K×d}, the second layer v ∈ ℝ^K, and the run's μ, ν,
/// with the parameters, seed, step ℓ and time t = ℓ·δ it belongs to. Used for the empirical test/train matrices (§9.4)
/// and the alignment metrics (§10). Immutable: the arrays are copies owned by this object.
/// </summary>
public sealed class XorState
{
    private readonly double[] _w;
    private readonly double[] _v;
    private readonly double[] _mu;
    private readonly double[] _nu;

    /// <summary>A state from its parts (copied). <paramref name="weights"/> holds K rows of length d (W_i at [i·d, (i+1)·d)).</summary>
    /// <exception cref="ArgumentException">Wrong lengths, d &lt; K + 2 or a negative step.</exception>
    public XorState(XorParameters parameters, int dimension, long seed, long step, ReadOnlySpan<double> weights, ReadOnlySpan<double> v,
        ReadOnlySpan<double> mu, ReadOnlySpan<double> nu)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Width;
        if (dimension < k + 2) throw new ArgumentException($"d must be ≥ K + 2 = {k + 2} (got {dimension})", nameof(dimension));
        if (weights.Length != (long)k * dimension) throw new ArgumentException($"W must have K·d = {(long)k * dimension} entries", nameof(weights));
        if (v.Length != k) throw new ArgumentException($"v must have K = {k} entries", nameof(v));
        if (mu.Length != dimension || nu.Length != dimension) throw new ArgumentException("μ and ν must have d entries");
        if (step < 0) throw new ArgumentException($"step must be ≥ 0 (got {step})", nameof(step));
        Parameters = parameters;
        Dimension = dimension;
        Seed = seed;
        Step = step;
        _w = weights.ToArray();
        _v = v.ToArray();
        _mu = mu.ToArray();
        _nu = nu.ToArray();
    }

    /// <summary>Model parameters of the run.</summary>
    public XorParameters Parameters { get; }

    /// <summary>Width K.</summary>
    public int Width => Parameters.Width;

    /// <summary>Data dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Seed of the run (keys the sample streams).</summary>
    public long Seed { get; }

    /// <summary>SGD step ℓ of this state (0 = initialisation).</summary>
    public long Step { get; }

    /// <summary>Model time t = ℓ·c_δ/d.</summary>
    public double Time => Step * Parameters.CDelta / Dimension;

    /// <summary>W, K rows of length d (row-major).</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <summary>Row W_i (0-based).</summary>
    public ReadOnlySpan<double> Weight(int neuron) =>
        (uint)neuron < (uint)Width ? _w.AsSpan(neuron * Dimension, Dimension) : throw new ArgumentOutOfRangeException(nameof(neuron));

    /// <summary>v (length K).</summary>
    public ReadOnlySpan<double> V => _v;

    /// <summary>μ of the run.</summary>
    public ReadOnlySpan<double> Mu => _mu;

    /// <summary>ν of the run.</summary>
    public ReadOnlySpan<double> Nu => _nu;

    /// <summary>True when every weight is finite.</summary>
    public bool IsFinite => FixedOrderKernels.AllFinite(_w) && FixedOrderKernels.AllFinite(_v);

    /// <summary>The summary statistics (v, W·μ, W·ν, R⊥ = W⊥W⊥ᵀ with W⊥ = W − (Wμ)μᵀ − (Wν)νᵀ), fixed-order dot products.</summary>
    public XorStatistics Statistics()
    {
        int k = Width, d = Dimension;
        var mmu = new double[k];
        var mnu = new double[k];
        var rperp = new double[k * k];
        var perp = new double[(long)k * d];
        XorSgdSimulation.ComputeStatistics(k, d, _w, d, _mu, _nu, perp, mmu, mnu, rperp);
        return new XorStatistics(_v, mmu, mnu, rperp);
    }
}
