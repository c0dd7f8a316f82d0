using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The stepping state of one online-SGD run of kgmm at finite d (kgmm.md §3), advanced on demand. Construction
/// draws the means (Gram–Schmidt QR of a d×k standard Gaussian: a random orthonormal frame) and x^c_0 ~ N(0, I_d/d);
/// step ℓ draws b_ℓ ~ p and Z_ℓ ~ N(0, I_d/λ), forms Y_ℓ = μ_{b_ℓ} + Z_ℓ and the logits ζ_c = x^c·Y_ℓ, and updates all
/// k vectors with gradients at the old x:
/// x^c ← x^c − δ[(π_c − δ_{b_ℓ c})·Y_ℓ + βx^c] = (1 − δβ)·x^c − δ(π_c − δ_{b_ℓ c})·Y_ℓ, δ = c_δ/d.
/// Every random number comes from the keyed streams of <see cref="KgmmStreams"/> at fixed positions, so the state
/// after ℓ steps is a pure function of (parameters, d, seed, ℓ), whatever the thread or the SIMD path.
/// </summary>
/// <remarks>
/// Cost per step: d normals (Philox4x32-10 + Box–Muller, <see cref="RandomStream"/>) plus one fused pass over the k
/// rows (update of step ℓ, sample and logits of step ℓ + 1; AVX-512, k ≤ 4) or three passes elsewhere, with the same
/// bits; the normals come from a <see cref="NormalBlockGenerator"/> (key schedule computed once per run); rows are
/// cache-line aligned; no allocation. Divergence is detected from the
/// logits of every step (a non-finite x gives non-finite logits) and from the statistics at every record.
/// With two generator threads (docs/performance.md, "Whole process", the parallel generator) the normals of the
/// coming steps are drawn by a <see cref="StepNormalPipeline"/> (a dedicated worker and this thread, in chunks)
/// while this thread does the fused pass: same values at the same positions, so the same bits as one thread for
/// every d, seed, split into calls and divergence step. Dispose stops that worker (nothing to do with one thread).
/// Not thread-safe: one instance per thread.
/// </remarks>
public sealed class KgmmSgdSimulation : IKgmmStepper, IDisposable
{
    private const int LabelChunk = 512;

    private readonly int _k;
    private readonly int _d;
    private readonly double _sigma;
    private readonly double _delta;
    private readonly double _scale;
    private readonly double[] _cumulative;
    private readonly StreamKey _sgdKey;
    private readonly NormalBlockGenerator _normals;
    private readonly AlignedBuffer _x;
    private readonly AlignedBuffer _means;
    private AlignedBuffer _sample;
    private AlignedBuffer _nextSample;
    private readonly double[] _logits;
    private readonly double[] _pi;
    private readonly double[] _coefficients;
    private readonly double[] _uniforms = new double[LabelChunk];
    private long _uniformStart = -1;
    private StepNormalPipeline? _pipeline;
    private bool _disposed;

    /// <summary>Draws the means and the initialisation of replicate <paramref name="seed"/> (state at step 0); one generator thread.</summary>
    /// <exception cref="Models.InputException">d &lt; 2k.</exception>
    public KgmmSgdSimulation(KgmmParameters parameters, int dimension, long seed)
        : this(parameters, dimension, seed, generatorThreads: 1)
    {
    }

    /// <summary>
    /// Draws the means and the initialisation of replicate <paramref name="seed"/> (state at step 0); the normals of
    /// the steps are drawn by <paramref name="generatorThreads"/> threads (1: this one; 2: this one and a worker
    /// started at the first advance and stopped by <see cref="Dispose"/>). The results do not depend on it.
    /// </summary>
    /// <exception cref="Models.InputException">d &lt; 2k.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="generatorThreads"/> is not 1 or 2.</exception>
    public KgmmSgdSimulation(KgmmParameters parameters, int dimension, long seed, int generatorThreads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (generatorThreads is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(generatorThreads), generatorThreads, "generator threads must be 1 or 2");
        parameters.ValidateDimension(dimension);
        GeneratorThreads = generatorThreads;
        Parameters = parameters;
        _k = parameters.K;
        _d = dimension;
        Seed = seed;
        _sigma = 1.0 / Math.Sqrt(parameters.Lambda);
        _delta = parameters.CDelta / dimension;
        _scale = 1.0 - _delta * parameters.Beta;
        _cumulative = KgmmStreams.Cumulative(parameters.Probabilities);
        _sgdKey = KgmmStreams.Sgd(seed, dimension);
        _normals = new NormalBlockGenerator(_sgdKey);
        _means = new AlignedBuffer(_k, _d);
        var frame = RandomOrthonormalFrame(_k, _d, KgmmStreams.Means(seed, dimension));
        for (int a = 0; a < _k; a++) frame.AsSpan(a * _d, _d).CopyTo(_means.Row(a));
        _x = new AlignedBuffer(_k, _d);
        var initial = new double[_k * _d];
        RandomStream.FillNormal(KgmmStreams.Initialisation(seed, dimension), 0, initial);
        double initialScale = 1.0 / Math.Sqrt(dimension);
        for (int c = 0; c < _k; c++)
        {
            var row = _x.Row(c);
            for (int i = 0; i < _d; i++) row[i] = initial[c * _d + i] * initialScale;
        }
        _sample = new AlignedBuffer(1, _d);
        _nextSample = new AlignedBuffer(1, _d);
        _logits = new double[_k];
        _pi = new double[_k];
        _coefficients = new double[_k];
        Status = RunStatus.Completed;
    }

    /// <summary>Model parameters.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>Threads drawing the normals of the steps (1 or 2; speed only).</summary>
    public int GeneratorThreads { get; }

    /// <summary>Data dimension d.</summary>
    public int Dimension => _d;

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>Number of SGD steps done, ℓ.</summary>
    public long Step { get; private set; }

    /// <summary>Model time t = ℓ·δ.</summary>
    public double Time => Step * _delta;

    /// <summary>Step size δ = c_δ/d.</summary>
    public double StepSize => _delta;

    /// <summary><see cref="RunStatus.Completed"/> until a divergence is detected; then the step and time of detection.</summary>
    public RunStatus Status { get; private set; }

    /// <summary>x^c of the current state (0-based); valid until the next advance.</summary>
    public ReadOnlySpan<double> Weight(int c) => _x.Row(CheckClass(c));

    /// <summary>μ_a of this run (0-based).</summary>
    public ReadOnlySpan<double> Mean(int a) => _means.Row(CheckClass(a));

    /// <summary>
    /// Runs SGD steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence (non-finite logits,
    /// i.e. a non-finite or overflowing x) is detected; returns <see cref="Status"/>. After a divergence the state is
    /// frozen and further calls return the same status. The result does not depend on how a run is split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every 65536 steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Status.Diverged) return Status;
        if (GeneratorThreads > 1 && targetStep > Step) return AdvancePipelined(targetStep, cancellationToken);
        int d = _d, k = _k, stride = _x.Stride;
        Span<double> x = _x.All;
        Span<double> logits = _logits;
        Span<double> pi = _pi;
        Span<double> coefficients = _coefficients;
        bool pending = false; // logits of `step` already computed by the fused pass of the previous step
        int label = 0;
        for (long step = Step + 1; step <= targetStep; step++)
        {
            long index = step - 1;
            if ((index & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            Span<double> sample = _sample.Row(0);
            if (!pending)
            {
                label = NextLabel(index);
                _normals.Fill(unchecked((ulong)index * (ulong)d), sample);
                FixedOrderKernels.ScaledAdd(sample, _sigma, _means.Row(label), sample);
                FixedOrderKernels.Dots(x, stride, sample, logits);
            }
            if (!FixedOrderKernels.AllFinite(logits))
            {
                Step = step - 1;
                Status = RunStatus.DivergedAt(step, step * _delta,
                    $"non-finite logits at SGD step {step}: the weights after step {step - 1} are not finite or overflow");
                return Status;
            }
            GradientCoefficients(logits, label, -_delta, pi, coefficients);
            if (step < targetStep)
            {
                // Fused: update of this step, sample and logits of the next one (bit-identical to the unfused path).
                int nextLabel = NextLabel(index + 1);
                Span<double> next = _nextSample.Row(0);
                _normals.Fill(unchecked((ulong)(index + 1) * (ulong)d), next);
                FixedOrderKernels.UpdateRowsAndNextDots(x, stride, _scale, coefficients, sample, next, _sigma, _means.Row(nextLabel), logits);
                (_sample, _nextSample) = (_nextSample, _sample);
                label = nextLabel;
                pending = true;
            }
            else
            {
                FixedOrderKernels.ScaleAndAddRows(x, stride, _scale, coefficients, sample);
            }
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// <see cref="AdvanceTo"/> with the normals from the two-thread <see cref="StepNormalPipeline"/>: the same
    /// operations on the same values in the same order (the sample of step ℓ is μ_b + σz written over the normals of
    /// step ℓ in the pipeline's buffer instead of a private one).
    /// </summary>
    private RunStatus AdvancePipelined(long targetStep, CancellationToken cancellationToken)
    {
        _pipeline ??= new StepNormalPipeline(_normals, _d, Step);
        var pipeline = _pipeline;
        pipeline.Allow(targetStep);
        try
        {
            int stride = _x.Stride;
            Span<double> x = _x.All;
            Span<double> logits = _logits;
            Span<double> pi = _pi;
            Span<double> coefficients = _coefficients;
            Span<double> sample = default;
            bool pending = false; // logits of `step` already computed by the fused pass of the previous step
            int label = 0;
            for (long step = Step + 1; step <= targetStep; step++)
            {
                long index = step - 1;
                if ((index & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (!pending)
                {
                    label = NextLabel(index);
                    sample = pipeline.Acquire(index);
                    FixedOrderKernels.ScaledAdd(sample, _sigma, _means.Row(label), sample);
                    FixedOrderKernels.Dots(x, stride, sample, logits);
                }
                if (!FixedOrderKernels.AllFinite(logits))
                {
                    Step = step - 1;
                    Status = RunStatus.DivergedAt(step, step * _delta,
                        $"non-finite logits at SGD step {step}: the weights after step {step - 1} are not finite or overflow");
                    StopPipeline();
                    return Status;
                }
                GradientCoefficients(logits, label, -_delta, pi, coefficients);
                if (step < targetStep)
                {
                    int nextLabel = NextLabel(index + 1);
                    Span<double> next = pipeline.Acquire(index + 1);
                    FixedOrderKernels.UpdateRowsAndNextDots(x, stride, _scale, coefficients, sample, next, _sigma, _means.Row(nextLabel), logits);
                    pipeline.Release(index);
                    sample = next;
                    label = nextLabel;
                    pending = true;
                }
                else
                {
                    FixedOrderKernels.ScaleAndAddRows(x, stride, _scale, coefficients, sample);
                    pipeline.Release(index);
                }
            }
        }
        catch
        {
            StopPipeline(); // cancelled or the worker failed: the run cannot go on
            throw;
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>Stops the generator worker, if one was started (idempotent; a diverged run draws nothing more).</summary>
    private void StopPipeline()
    {
        _pipeline?.Dispose();
        _pipeline = null;
    }

    /// <summary>Stops the generator worker of a two-thread run (idempotent; nothing to do with one thread).</summary>
    public void Dispose()
    {
        _disposed = true;
        StopPipeline();
    }

    /// <summary>
    /// a_c = −δ(π_c − δ_{bc}) with the softmax π of the logits: the operations of <see cref="KgmmSample.Softmax"/>
    /// (maximum subtracted, Math.Exp, sum in class order, one division, products) and
    /// <see cref="KgmmSample.GradientWeights"/>, in the same order and so with the same bits, without the
    /// log-partition the step does not use.
    /// </summary>
    private static void GradientCoefficients(ReadOnlySpan<double> logits, int label, double minusDelta, Span<double> pi, Span<double> coefficients)
    {
        int k = logits.Length;
        double max = double.NegativeInfinity;
        for (int c = 0; c < k; c++) if (logits[c] > max) max = logits[c];
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            double e = Math.Exp(logits[c] - max);
            pi[c] = e;
            sum += e;
        }
        double inverse = 1.0 / sum;
        for (int c = 0; c < k; c++)
        {
            double weight = pi[c] * inverse;
            if (c == label) weight -= 1.0;
            coefficients[c] = weight * minusDelta;
        }
    }

    /// <summary>
    /// Writes m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e (k×k row-major each) of the current state; returns false (and marks
    /// the run diverged at the current step) when they are not finite.
    /// </summary>
    public bool TryStatistics(Span<double> m, Span<double> r)
    {
        ComputeStatistics(_k, _d, _x.All, _x.Stride, _means.All, _means.Stride, m, r);
        if (FixedOrderKernels.AllFinite(m[..(_k * _k)]) && FixedOrderKernels.AllFinite(r[..(_k * _k)])) return true;
        if (!Status.Diverged)
            Status = RunStatus.DivergedAt(Step, Time, $"non-finite summary statistics after SGD step {Step}");
        return false;
    }

    /// <summary>A copy of the current full state.</summary>
    public KgmmState Snapshot()
    {
        var weights = new double[_k * _d];
        var means = new double[_k * _d];
        for (int c = 0; c < _k; c++)
        {
            _x.Row(c).CopyTo(weights.AsSpan(c * _d, _d));
            _means.Row(c).CopyTo(means.AsSpan(c * _d, _d));
        }
        return new KgmmState(Parameters, _d, Seed, Step, weights, means);
    }

    /// <summary>
    /// m (k×k) and R (k×k, symmetric) from k weight rows and k mean rows (row c at c·stride, length d), with
    /// fixed-order dot products.
    /// </summary>
    internal static void ComputeStatistics(int k, int d, ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> means, int meanStride,
        Span<double> m, Span<double> r)
    {
        for (int c = 0; c < k; c++)
        {
            var xc = x.Slice(c * xStride, d);
            for (int a = 0; a < k; a++) m[c * k + a] = FixedOrderKernels.Dot(xc, means.Slice(a * meanStride, d));
            for (int e = c; e < k; e++) r[c * k + e] = r[e * k + c] = FixedOrderKernels.Dot(xc, x.Slice(e * xStride, d));
        }
    }

    /// <summary>
    /// The means of kgmm.md §3: the Q factor (positive diagonal R) of a d×k standard Gaussian matrix G drawn from
    /// <paramref name="key"/> (column a at normal positions [a·d, (a+1)·d)), computed by Gram–Schmidt with one
    /// re-orthogonalisation pass (fixed-order arithmetic). Rows of the result are μ_1..μ_k.
    /// </summary>
    internal static double[] RandomOrthonormalFrame(int k, int d, StreamKey key)
    {
        var q = new double[k * d];
        RandomStream.FillNormal(key, 0, q);
        for (int a = 0; a < k; a++)
        {
            Span<double> v = q.AsSpan(a * d, d);
            for (int pass = 0; pass < 2; pass++)
                for (int b = 0; b < a; b++)
                {
                    ReadOnlySpan<double> u = q.AsSpan(b * d, d);
                    double projection = FixedOrderKernels.Dot(u, v);
                    for (int i = 0; i < d; i++) v[i] = Math.FusedMultiplyAdd(-projection, u[i], v[i]);
                }
            double norm = Math.Sqrt(FixedOrderKernels.Dot(v, v));
            if (!(norm > 0)) throw new InvalidOperationException("the Gaussian matrix of the means is rank deficient");
            for (int i = 0; i < d; i++) v[i] /= norm;
        }
        return q;
    }

    /// <summary>Overwrites the weights with <paramref name="stacked"/> (k·d entries); for tests of the one-step drift.</summary>
    internal void SetWeights(ReadOnlySpan<double> stacked)
    {
        if (stacked.Length != _k * _d) throw new ArgumentException("weights must have k·d entries", nameof(stacked));
        for (int c = 0; c < _k; c++) stacked.Slice(c * _d, _d).CopyTo(_x.Row(c));
    }

    private int CheckClass(int c) =>
        (uint)c < (uint)_k ? c : throw new ArgumentOutOfRangeException(nameof(c), $"class index must lie in [0, {_k - 1}] (0-based)");

    private int NextLabel(long index)
    {
        long offset = index - _uniformStart;
        if (_uniformStart < 0 || offset < 0 || offset >= LabelChunk)
        {
            RandomStream.FillUniform(_sgdKey, unchecked((ulong)index), _uniforms);
            _uniformStart = index;
            offset = 0;
        }
        return KgmmStreams.Label(_uniforms[offset], _cumulative);
    }
}
