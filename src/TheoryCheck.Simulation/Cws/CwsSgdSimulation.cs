using TheoryCheck.Numerics.Kernels;
using System.Numerics.Tensors;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The stepping state of one one-pass SGD run of <c>cws</c> at finite d (cws.md §1), advanced on demand. X_0 = 0;
/// step ℓ = 1, 2, … draws the class c (probabilities p_c) and z ~ N(0, I_d) from the keyed streams of
/// <see cref="CwsStreams"/>, forms the sample a = m_c + K_c^{1/2} z in the eigenbasis (a_i = fma(√λ_i^{(c)}, z_i, m_{c,i})),
/// r = ⟨X, a⟩, and updates X ← X − (γ(t_{ℓ−1})/d)·ℓ′(r, y_c)·a with t_{ℓ−1} = (ℓ − 1)/d, ℓ′ = σ(r) − y (logistic) or
/// r − y (squares). The state after ℓ steps is a pure function of (mixture, loss, schedule, seed, ℓ).
/// </summary>
/// <remarks>
/// Cost per step: d normals (Philox4x32-10 + Box–Muller) plus three O(d) passes (sample, fixed-order dot product,
/// update); rows cache-line aligned; no allocation. Element-wise operations are single fused multiply-adds and the
/// dot product has a fixed summation order (<see cref="FixedOrderKernels.Dot"/>), so the bits do not depend on the
/// SIMD path or the thread. Divergence (a non-finite r, i.e. a non-finite or overflowing X) is a status; growth
/// without overflow (least squares above its stability threshold) is not. Not thread-safe: one instance per run.
/// </remarks>
public sealed class CwsSgdSimulation : ICwsStepper
{
    private const int ClassChunk = 512;

    private readonly CwsMixture _mixture;
    private readonly CwsLoss _loss;
    private readonly CwsSchedule _schedule;
    private readonly int _d;
    private readonly int _classes;
    private readonly double[] _cumulative;
    private readonly double[] _labels;
    private readonly int[] _groupOfClass;
    private readonly StreamKey _key;
    private readonly AlignedBuffer _x;
    private readonly AlignedBuffer _means;
    private readonly AlignedBuffer _roots;
    private readonly AlignedBuffer _z;
    private readonly AlignedBuffer _a;
    private readonly double[] _uniforms = new double[ClassChunk];
    private long _uniformStart = -1;

    /// <summary>The state at step 0 (X = 0) of replicate <paramref name="seed"/>.</summary>
    public CwsSgdSimulation(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, long seed)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        _mixture = mixture;
        _loss = loss;
        _schedule = schedule;
        _d = mixture.Dimension;
        _classes = mixture.Classes;
        Seed = seed;
        _cumulative = CwsStreams.Cumulative(mixture.Probabilities);
        _labels = mixture.Labels.ToArray();
        _groupOfClass = Enumerable.Range(0, _classes).Select(mixture.VarianceGroup).ToArray();
        _key = CwsStreams.Sgd(seed, _d);
        _x = new AlignedBuffer(1, _d);
        _means = new AlignedBuffer(_classes, _d);
        for (int c = 0; c < _classes; c++) mixture.Mean(c).CopyTo(_means.Row(c));
        _roots = new AlignedBuffer(mixture.VarianceGroupCount, _d);
        for (int g = 0; g < mixture.VarianceGroupCount; g++) TensorPrimitives.Sqrt(mixture.GroupVariances(g), _roots.Row(g));
        _z = new AlignedBuffer(1, _d);
        _a = new AlignedBuffer(1, _d);
        Status = RunStatus.Completed;
    }

    /// <summary>The data model.</summary>
    public CwsMixture Mixture => _mixture;

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>d.</summary>
    public int Dimension => _d;

    /// <summary>SGD steps done, ℓ.</summary>
    public long Step { get; private set; }

    /// <summary>t = ℓ/d.</summary>
    public double Time => Step / (double)_d;

    /// <summary><see cref="RunStatus.Completed"/> until a divergence is detected.</summary>
    public RunStatus Status { get; private set; }

    /// <summary>X (valid until the next advance).</summary>
    public ReadOnlySpan<double> Iterate => _x.Row(0);

    /// <summary>
    /// Runs SGD steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence (non-finite r) is
    /// detected; returns <see cref="Status"/>. After a divergence the state is frozen. The result does not depend on how
    /// a run is split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every 65536 steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        if (Status.Diverged) return Status;
        int d = _d;
        Span<double> x = _x.Row(0);
        Span<double> z = _z.Row(0);
        Span<double> a = _a.Row(0);
        bool logistic = _loss == CwsLoss.Logistic;
        for (long step = Step + 1; step <= targetStep; step++)
        {
            long index = step - 1;
            if ((index & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int c = NextClass(index);
            RandomStream.FillNormal(_key, unchecked((ulong)index * (ulong)d), z);
            TensorPrimitives.FusedMultiplyAdd(z, _roots.Row(_groupOfClass[c]), _means.Row(c), a);
            double r = FixedOrderKernels.Dot(x, a);
            if (!double.IsFinite(r))
            {
                Step = index;
                Status = RunStatus.DivergedAt(step, step / (double)d,
                    $"non-finite ⟨X, a⟩ at SGD step {step}: the iterate after step {index} is not finite or overflows");
                return Status;
            }
            double y = _labels[c];
            double gradient = logistic ? Sigmoid(r) - y : r - y;
            double coefficient = -_schedule.RateAtStep(step, d) / d * gradient;
            TensorPrimitives.FusedMultiplyAdd(a, coefficient, x, x);
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// The closure statistics of the current iterate (cws.md §2): M_c = ⟨X, m_c⟩, S_c = Σ_i λ_i^{(c)} X_i², ‖X‖²,
    /// ⟨X, μ⟩, Σ_{i∈𝒞} X_i μ_i; null (and the run marked diverged) when they are not finite.
    /// </summary>
    public CwsStatistics? TryStatistics()
    {
        ReadOnlySpan<double> x = _x.Row(0);
        int groups = _mixture.VarianceGroupCount;
        var means = new double[_classes];
        for (int c = 0; c < _classes; c++) means[c] = FixedOrderKernels.Dot(x, _means.Row(c));
        var squares = new double[_d];
        TensorPrimitives.Multiply(x, x, squares);
        var groupVariance = new double[groups];
        for (int g = 0; g < groups; g++) groupVariance[g] = FixedOrderKernels.Dot(squares, _mixture.GroupVariances(g));
        var variances = new double[_classes];
        for (int c = 0; c < _classes; c++) variances[c] = groupVariance[_groupOfClass[c]];
        var signal = _mixture.Signal;
        double clean;
        var modes = _mixture.CleanModes;
        if (_mixture.CleanIsPrefix) clean = FixedOrderKernels.Dot(x[..modes.Length], signal[..modes.Length]);
        else
        {
            clean = 0;
            foreach (int i in modes) clean = Math.FusedMultiplyAdd(x[i], signal[i], clean);
        }
        var statistics = new CwsStatistics(means, variances, FixedOrderKernels.Dot(x, x), FixedOrderKernels.Dot(x, signal), clean);
        if (statistics.IsFinite) return statistics;
        if (!Status.Diverged) Status = RunStatus.DivergedAt(Step, Time, $"non-finite statistics after SGD step {Step}");
        return null;
    }

    /// <summary>Overwrites X (for tests of single steps).</summary>
    internal void SetIterate(ReadOnlySpan<double> x)
    {
        if (x.Length != _d) throw new ArgumentException("the iterate must have d entries", nameof(x));
        x.CopyTo(_x.Row(0));
    }

    private static double Sigmoid(double r)
    {
        double e = Math.Exp(-Math.Abs(r));
        return r >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    private int NextClass(long index)
    {
        if (_classes == 1) return 0;
        long offset = index - _uniformStart;
        if (_uniformStart < 0 || offset < 0 || offset >= ClassChunk)
        {
            RandomStream.FillUniform(_key, unchecked((ulong)index), _uniforms);
            _uniformStart = index;
            offset = 0;
        }
        return CwsStreams.Class(_uniforms[offset], _cumulative);
    }
}
