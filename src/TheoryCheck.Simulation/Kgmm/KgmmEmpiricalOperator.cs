using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// An empirical kgmm test matrix of kgmm.md §10 as a matrix-free symmetric operator, <b>β excluded</b>:
/// per-class block Â_cc = (1/M) Σ_j h_j·Y_jY_jᵀ on ℝ^d with h_j = π_c(1 − π_c) (Hessian) or (π_c − δ_{b_j c})² (G),
/// or the full matrix on ℝ^{kd} with d×d block (c, c') = (1/M) Σ_j H_j[c,c']·Y_jY_jᵀ, H_j[c,c'] = π_c(δ_{cc'} − π_{c'})
/// (Hessian) or (π_c − δ_{b_j c})(π_{c'} − δ_{b_j c'}) (G); π = softmax(x^1·Y_j, …, x^k·Y_j) at the state's weights.
/// Vectors of ℝ^{kd} are stacked by class (u^c at [c·d, (c+1)·d)), the Kronecker convention of kgmm.md §1.
/// </summary>
/// <remarks>
/// <para>Setup computes the M×k logits once (O(k·M·d)). A product costs O(M·d) for a block and O(k·M·d) for the full
/// matrix, in one sweep over the samples, four at a time: the 4k dot products s_{j,c} = Y_j·u^c in one pass (each
/// element of u loaded once per four samples), t_{j,c} = (1/M) Σ_{c'} H_j[c,c'] s_{j,c'}, then (Au)^c += Σ_j t_{j,c} Y_j
/// in a second pass while the four rows are in cache (each output element loaded and stored once per four samples).
/// The sample matrix is read from memory once per product.</para>
/// <para>Deterministic: the samples are split into fixed chunks (a function of M only) whose partial sums are added
/// in chunk order, and every dot product has a fixed order, so the result is the same for any thread count
/// (<see cref="Threads"/>) and SIMD width. Not thread-safe (scratch buffers): one instance per thread.</para>
/// </remarks>
public sealed class KgmmEmpiricalOperator : ILinearOperator
{
    private readonly KgmmTestSamples _samples;
    private readonly double[] _weights; // M·w·w, w = 1 (block) or k (full)
    private readonly int _width;
    private readonly int _chunkRows;
    private readonly int _chunkCount;
    private double[][]? _partials;
    private double[]? _input;
    private ParallelOptions? _parallelOptions;
    private Action<int>? _applyChunk; // q ↦ partial product of chunk q from _input into _partials[q]; built once

    private KgmmEmpiricalOperator(KgmmTestSamples samples, double[] weights, int width, KgmmMatrixKind matrix, int? block, int threads)
    {
        _samples = samples;
        _weights = weights;
        _width = width;
        Matrix = matrix;
        Block = block;
        Threads = threads;
        int m = samples.Count;
        _chunkRows = Math.Max(256, (m + 31) / 32);
        _chunkCount = (m + _chunkRows - 1) / _chunkRows;
    }

    /// <summary>Hessian or G.</summary>
    public KgmmMatrixKind Matrix { get; }

    /// <summary>The class c of a per-class block (0-based), or null for the full kd×kd matrix.</summary>
    public int? Block { get; }

    /// <summary>Number of test samples M.</summary>
    public int SampleCount => _samples.Count;

    /// <summary>Threads used by <see cref="Apply"/> (results do not depend on it).</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public int Dimension => _width * _samples.Dimension;

    /// <summary>
    /// The per-class block Ĥ_cc or Ĝ_cc (β excluded) at the weights of <paramref name="state"/> on the test set
    /// <paramref name="samples"/> (which must be drawn for the same run dimension).
    /// </summary>
    /// <param name="state">The state (weights x^1..x^k).</param>
    /// <param name="samples">Test samples of the run.</param>
    /// <param name="matrix">Hessian or G.</param>
    /// <param name="block">Class c, 0-based.</param>
    /// <param name="threads">Threads for products and setup (null: all processors); results do not depend on it.</param>
    public static KgmmEmpiricalOperator ForBlock(KgmmState state, KgmmTestSamples samples, KgmmMatrixKind matrix, int block, int? threads = null)
    {
        Check(state, samples, threads);
        if ((uint)block >= (uint)state.K) throw new ArgumentOutOfRangeException(nameof(block), $"block must lie in [0, {state.K - 1}] (0-based)");
        var weights = new double[samples.Count];
        ForEachSoftmax(state, samples, threads, (j, pi) =>
        {
            int label = samples.Labels[j];
            weights[j] = matrix == KgmmMatrixKind.Hessian
                ? KgmmSample.HessianBlockWeight(pi, block)
                : KgmmSample.GBlockWeight(pi, label, block);
        });
        return new KgmmEmpiricalOperator(samples, weights, 1, matrix, block, ResolveThreads(threads));
    }

    /// <summary>The full kd×kd matrix Ĥ or Ĝ (β excluded) at the weights of <paramref name="state"/>.</summary>
    /// <param name="state">The state (weights x^1..x^k).</param>
    /// <param name="samples">Test samples of the run.</param>
    /// <param name="matrix">Hessian or G.</param>
    /// <param name="threads">Threads for products and setup (null: all processors); results do not depend on it.</param>
    public static KgmmEmpiricalOperator ForFullMatrix(KgmmState state, KgmmTestSamples samples, KgmmMatrixKind matrix, int? threads = null)
    {
        Check(state, samples, threads);
        int k = state.K;
        var weights = new double[(long)samples.Count * k * k];
        ForEachSoftmax(state, samples, threads, (j, pi) =>
        {
            var h = weights.AsSpan(j * k * k, k * k);
            if (matrix == KgmmMatrixKind.Hessian) KgmmSample.HessianWeights(pi, h);
            else KgmmSample.GWeights(pi, samples.Labels[j], h);
        });
        return new KgmmEmpiricalOperator(samples, weights, k, matrix, null, ResolveThreads(threads));
    }

    /// <summary>The per-sample weight matrix H_j (w×w row-major, w = 1 for a block, k for the full matrix).</summary>
    public ReadOnlySpan<double> Weights(int j) => _weights.AsSpan(j * _width * _width, _width * _width);

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Dimension;
        if (x.Length != n || y.Length != n) throw new ArgumentException($"x and y must have length {n}");
        if (x.Overlaps(y)) throw new ArgumentException("x and y must not overlap");
        y.Clear();
        if (Threads == 1 || _chunkCount == 1)
        {
            _partials ??= [new double[n]];
            double[] partial = _partials[0];
            for (int q = 0; q < _chunkCount; q++)
            {
                ApplyChunk(q, x, partial);
                FixedOrderKernels.AddInPlace(partial, y);
            }
            return;
        }
        if (_partials is null || _partials.Length < _chunkCount)
        {
            _partials = new double[_chunkCount][];
            for (int q = 0; q < _chunkCount; q++) _partials[q] = new double[n];
        }
        _input ??= new double[n];
        x.CopyTo(_input);
        // Options and delegate are created on the first product only (no per-product allocation of ours).
        _parallelOptions ??= new ParallelOptions { MaxDegreeOfParallelism = Threads };
        _applyChunk ??= q => ApplyChunk(q, _input, _partials[q]);
        Parallel.For(0, _chunkCount, _parallelOptions, _applyChunk);
        for (int q = 0; q < _chunkCount; q++) FixedOrderKernels.AddInPlace(_partials[q], y);
    }

    /// <summary>
    /// Partial product of sample chunk q: Σ_{j in chunk} H_j ⊗ Y_jY_jᵀ x / M, samples in order, four at a time
    /// (<see cref="FixedOrderKernels.BlockDots"/> and <see cref="FixedOrderKernels.BlockAddScaled"/>), the chunk's last
    /// rows one at a time with the same arithmetic.
    /// </summary>
    private void ApplyChunk(int q, ReadOnlySpan<double> x, Span<double> partial)
    {
        partial.Clear();
        const int block = FixedOrderKernels.SampleBlock;
        int d = _samples.Dimension, w = _width, stride = _samples.Stride;
        double inverseCount = 1.0 / _samples.Count;
        Span<double> s = stackalloc double[block * w];
        Span<double> t = stackalloc double[block * w];
        ReadOnlySpan<double> rows = _samples.Rows;
        int start = q * _chunkRows, end = Math.Min(_samples.Count, (q + 1) * _chunkRows);
        int j = start;
        for (; j + block <= end; j += block)
        {
            ReadOnlySpan<double> samples = rows.Slice(j * stride, (block - 1) * stride + d);
            FixedOrderKernels.BlockDots(samples, stride, x, w, s);
            for (int b = 0; b < block; b++) Combine(j + b, s.Slice(b * w, w), t.Slice(b * w, w), inverseCount);
            FixedOrderKernels.BlockAddScaled(samples, stride, t, partial, w);
        }
        for (; j < end; j++)
        {
            ReadOnlySpan<double> sample = rows.Slice(j * stride, d);
            for (int c = 0; c < w; c++) s[c] = FixedOrderKernels.Dot8(sample, x.Slice(c * d, d));
            Combine(j, s[..w], t[..w], inverseCount);
            FixedOrderKernels.AddScaledToRows(sample, t[..w], partial);
        }
    }

    /// <summary>t_c = (Σ_e H_j[c,e] s_e)/M with a fixed order.</summary>
    private void Combine(int j, ReadOnlySpan<double> s, Span<double> t, double inverseCount)
    {
        int w = _width;
        ReadOnlySpan<double> h = _weights.AsSpan(j * w * w, w * w);
        for (int c = 0; c < w; c++)
        {
            double sum = 0;
            for (int e = 0; e < w; e++) sum = Math.FusedMultiplyAdd(h[c * w + e], s[e], sum);
            t[c] = sum * inverseCount;
        }
    }

    private static void Check(KgmmState state, KgmmTestSamples samples, int? threads)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Dimension != state.Dimension)
            throw new ArgumentException($"the test samples have d = {samples.Dimension}, the state d = {state.Dimension}", nameof(samples));
        if (samples.Seed != state.Seed)
            throw new ArgumentException("the test samples belong to another run (seed differs)", nameof(samples));
        if (threads is < 1) throw new ArgumentException($"threads must be ≥ 1 (got {threads})", nameof(threads));
    }

    private static int ResolveThreads(int? threads) => threads ?? Environment.ProcessorCount;

    /// <summary>Calls <paramref name="visit"/>(j, π_j) for every sample, π_j = softmax(x^1·Y_j, …, x^k·Y_j) (fixed-order dots).</summary>
    private static void ForEachSoftmax(KgmmState state, KgmmTestSamples samples, int? threads, Action<int, double[]> visit)
    {
        int k = state.K, d = state.Dimension, m = samples.Count;
        var weights = state.Weights.ToArray();
        int chunk = 256, chunks = (m + chunk - 1) / chunk;
        ParallelEnsemble.Run(chunks, q =>
        {
            var logits = new double[k];
            var pi = new double[k];
            for (int j = q * chunk; j < Math.Min(m, (q + 1) * chunk); j++)
            {
                FixedOrderKernels.Dots(weights, d, samples.Sample(j), logits);
                if (!FixedOrderKernels.AllFinite(logits))
                    throw new ArgumentException($"the logits of test sample {j} are not finite (diverged state?)", nameof(state));
                KgmmSample.Softmax(logits, pi);
                visit(j, pi);
            }
            return 0;
        }, ResolveThreads(threads));
    }
}
