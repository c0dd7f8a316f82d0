using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// The matrix-free weighted Gram operator A = (1/M) Σ_j H_j ⊗ y_j y_jᵀ on ℝ^{k·d}, built from M samples
/// y_j ∈ ℝ^d and symmetric k×k weight matrices H_j (k = 1: A = Yᵀ diag(h) Y / M, the empirical per-class
/// Hessian/G block of kgmm.md §10; k &gt; 1: the full matrix with block (c, c') = (1/M) Σ_j H_j[c,c'] y_j y_jᵀ).
/// A vector x ∈ ℝ^{k·d} is stored block by block: x^c = x[c·d .. (c+1)·d).
/// </summary>
/// <remarks>
/// (A x)^c = (1/M) Σ_j (Σ_c' H_j[c,c'] (y_j·x^{c'})) y_j costs 2·k·M·d multiply–adds (one pass over the samples).
/// The sample and weight arrays are NOT copied (they can be large): the caller must not modify them while the
/// operator is in use. <see cref="Apply"/> keeps no shared state and is thread-safe.
/// </remarks>
public sealed class WeightedGramOperator : ILinearOperator
{
    private readonly double[] _samples;
    private readonly double[] _weights;

    /// <summary>
    /// Creates the operator from row-major samples (M rows y_j of length d) and weights
    /// (M·k·k entries, H_j[c,c'] at index (j·k + c)·k + c'; each H_j symmetric up to 1e-12 relative).
    /// </summary>
    public WeightedGramOperator(double[] samples, int sampleCount, int sampleDimension, double[] weights, int blockCount = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(weights);
        if (sampleCount < 1) throw new ArgumentException($"Sample count M must be ≥ 1, got {sampleCount}.", nameof(sampleCount));
        if (sampleDimension < 1) throw new ArgumentException($"Sample dimension d must be ≥ 1, got {sampleDimension}.", nameof(sampleDimension));
        if (blockCount < 1) throw new ArgumentException($"Block count k must be ≥ 1, got {blockCount}.", nameof(blockCount));
        if ((long)sampleCount * sampleDimension != samples.LongLength)
            throw new ArgumentException($"Samples array has {samples.LongLength} entries, expected M·d = {(long)sampleCount * sampleDimension}.", nameof(samples));
        if ((long)sampleCount * blockCount * blockCount != weights.LongLength)
            throw new ArgumentException($"Weights array has {weights.LongLength} entries, expected M·k·k = {(long)sampleCount * blockCount * blockCount}.", nameof(weights));
        if ((long)blockCount * sampleDimension > int.MaxValue)
            throw new ArgumentException("Operator dimension k·d exceeds int.MaxValue.", nameof(blockCount));
        for (int j = 0; j < sampleCount; j++)
        {
            int offset = j * blockCount * blockCount;
            double maxAbs = 0;
            for (int e = 0; e < blockCount * blockCount; e++)
            {
                double w = weights[offset + e];
                if (!double.IsFinite(w)) throw new ArgumentException($"Weight of sample {j} is not finite ({w}).", nameof(weights));
                maxAbs = Math.Max(maxAbs, Math.Abs(w));
            }
            for (int c = 0; c < blockCount; c++)
                for (int c2 = c + 1; c2 < blockCount; c2++)
                    if (Math.Abs(weights[offset + c * blockCount + c2] - weights[offset + c2 * blockCount + c]) > 1e-12 * maxAbs)
                        throw new ArgumentException($"Weight matrix H_j of sample {j} is not symmetric at ({c}, {c2}).", nameof(weights));
        }
        _samples = samples;
        _weights = weights;
        SampleCount = sampleCount;
        SampleDimension = sampleDimension;
        BlockCount = blockCount;
    }

    /// <summary>Number of samples M.</summary>
    public int SampleCount { get; }

    /// <summary>Sample dimension d.</summary>
    public int SampleDimension { get; }

    /// <summary>Number of blocks k (the operator acts on ℝ^{k·d}).</summary>
    public int BlockCount { get; }

    /// <inheritdoc />
    public int Dimension => BlockCount * SampleDimension;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorGuard.CheckApplyArguments(Dimension, x, y);
        int d = SampleDimension, k = BlockCount;
        double inverseM = 1.0 / SampleCount;
        y.Clear();
        Span<double> projections = k <= 64 ? stackalloc double[2 * k] : new double[2 * k];
        Span<double> s = projections[..k];
        Span<double> t = projections[k..];
        ReadOnlySpan<double> samples = _samples;
        ReadOnlySpan<double> weights = _weights;
        for (int j = 0; j < SampleCount; j++)
        {
            ReadOnlySpan<double> sample = samples.Slice(j * d, d);
            for (int c = 0; c < k; c++)
                s[c] = TensorPrimitives.Dot(sample, x.Slice(c * d, d));
            ReadOnlySpan<double> h = weights.Slice(j * k * k, k * k);
            for (int c = 0; c < k; c++)
            {
                double sum = 0;
                for (int c2 = 0; c2 < k; c2++) sum += h[c * k + c2] * s[c2];
                t[c] = sum * inverseM;
            }
            for (int c = 0; c < k; c++)
            {
                if (t[c] == 0) continue;
                Span<double> block = y.Slice(c * d, d);
                TensorPrimitives.MultiplyAdd(sample, t[c], block, block);
            }
        }
    }
}
