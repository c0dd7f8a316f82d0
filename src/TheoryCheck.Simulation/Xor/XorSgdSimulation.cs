using TheoryCheck.Numerics.Kernels;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The stepping state of one online-SGD run of xor at finite d (xor.md §2–§3), advanced on demand. Construction draws
/// the frame (μ, ν, u_1..u_K: QR of a d×(K + 2) Gaussian, <see cref="RandomFrame"/>) and the initialisation (warm:
/// W_i = mmu0_i μ + mnu0_i ν + √rperp0·u_i, v = v0, so the statistics at t = 0 are exactly the requested ones; random:
/// v_i ~ N(0, 1), W_i ~ N(0, I_d/d)). Step ℓ draws ϑ uniform over the four clusters and Z ~ N(0, I_d/λ), forms
/// X = ϑ + Z, u = W X, s = Σ_j v_j g(u_j), e = σ(s) − y_ϑ, and updates with gradients at the old parameters (δ = c_δ/d):
/// <code>
/// v_i ← v_i − δ(e g(u_i) + β v_i),     W_i ← (1 − δβ) W_i − δ e v_i 1{u_i &gt; 0} X.
/// </code>
/// Every random number comes from the keyed streams of <see cref="XorStreams"/> at fixed positions, so the state after ℓ
/// steps is a pure function of (parameters, d, seed, ℓ), whatever the thread or the SIMD path.
/// </summary>
/// <remarks>
/// Cost per step: d normals plus one fused pass over the K rows (update of step ℓ, sample and pre-activations of step
/// ℓ + 1; AVX-512 with K ≤ 4) or three passes elsewhere, with the same bits; rows cache-line aligned; no allocation.
/// Divergence (a non-finite u, s or v) is detected at every step and reported as <see cref="RunStatus.DivergedAt"/>.
/// Not thread-safe: one instance per thread.
/// </remarks>
public sealed class XorSgdSimulation : IXorStepper
{
    private const int ClusterChunk = 512;

    private readonly int _k;
    private readonly int _d;
    private readonly double _sigma;
    private readonly double _delta;
    private readonly double _scale;
    private readonly double _beta;
    private readonly StreamKey _sgdKey;
    private readonly AlignedBuffer _w;
    private readonly AlignedBuffer _means;   // rows +μ, −μ, +ν, −ν
    private readonly double[] _v;
    private AlignedBuffer _sample;
    private AlignedBuffer _nextSample;
    private readonly AlignedBuffer _perp;
    private readonly double[] _u;
    private readonly double[] _coefficients;
    private readonly double[] _uniforms = new double[ClusterChunk];
    private long _uniformStart = -1;

    /// <summary>Draws the frame and the initialisation of replicate <paramref name="seed"/> (state at step 0).</summary>
    /// <exception cref="Models.InputException">d &lt; K + 2.</exception>
    public XorSgdSimulation(XorParameters parameters, int dimension, long seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.ValidateDimension(dimension);
        Parameters = parameters;
        _k = parameters.Width;
        _d = dimension;
        Seed = seed;
        _sigma = 1.0 / Math.Sqrt(parameters.Lambda);
        _delta = parameters.CDelta / dimension;
        _beta = parameters.Beta;
        _scale = 1.0 - _delta * parameters.Beta;
        _sgdKey = XorStreams.Sgd(seed, dimension);
        var frame = RandomFrame.Rows(_k + 2, dimension, XorStreams.Frame(seed, dimension, _k));
        _means = new AlignedBuffer(XorClusters.Count, _d);
        for (int i = 0; i < _d; i++)
        {
            double mu = frame[i], nu = frame[_d + i];
            _means.Row(0)[i] = mu;
            _means.Row(1)[i] = -mu;
            _means.Row(2)[i] = nu;
            _means.Row(3)[i] = -nu;
        }
        _w = new AlignedBuffer(_k, _d);
        _v = new double[_k];
        if (parameters.Init == XorInitialisation.Warm)
        {
            double root = Math.Sqrt(parameters.Rperp0);
            for (int i = 0; i < _k; i++)
            {
                var row = _w.Row(i);
                var direction = frame.AsSpan((2 + i) * _d, _d);
                double a = parameters.Mmu0[i], b = parameters.Mnu0[i];
                for (int j = 0; j < _d; j++) row[j] = a * frame[j] + b * frame[_d + j] + root * direction[j];
                _v[i] = parameters.V0[i];
            }
        }
        else
        {
            var draws = new double[(long)_k * _d + _k];
            RandomStream.FillNormal(XorStreams.Initialisation(seed, dimension), 0, draws);
            double scale = 1.0 / Math.Sqrt(dimension);
            for (int i = 0; i < _k; i++)
            {
                var row = _w.Row(i);
                for (int j = 0; j < _d; j++) row[j] = draws[i * _d + j] * scale;
                _v[i] = draws[(long)_k * _d + i];
            }
        }
        _sample = new AlignedBuffer(1, _d);
        _nextSample = new AlignedBuffer(1, _d);
        _perp = new AlignedBuffer(_k, _d);
        _u = new double[_k];
        _coefficients = new double[_k];
        Status = RunStatus.Completed;
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

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

    /// <summary>W_i of the current state (0-based); valid until the next advance.</summary>
    public ReadOnlySpan<double> Weight(int neuron) => _w.Row(CheckNeuron(neuron));

    /// <summary>v of the current state.</summary>
    public ReadOnlySpan<double> V => _v;

    /// <summary>μ of this run.</summary>
    public ReadOnlySpan<double> Mu => _means.Row(0);

    /// <summary>ν of this run.</summary>
    public ReadOnlySpan<double> Nu => _means.Row(2);

    /// <summary>
    /// Runs SGD steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence (non-finite u, s or v) is
    /// detected; returns <see cref="Status"/>. After a divergence the state is frozen and further calls return the same
    /// status. The result does not depend on how a run is split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every 65536 steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        if (Status.Diverged) return Status;
        int d = _d, k = _k, stride = _w.Stride;
        Span<double> w = _w.All;
        Span<double> u = _u;
        Span<double> coefficients = _coefficients;
        Span<double> v = _v;
        bool pending = false; // u of `step` already computed by the fused pass of the previous step
        int cluster = 0;
        for (long step = Step + 1; step <= targetStep; step++)
        {
            long index = step - 1;
            if ((index & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            Span<double> sample = _sample.Row(0);
            if (!pending)
            {
                cluster = NextCluster(index);
                RandomStream.FillNormal(_sgdKey, unchecked((ulong)index * (ulong)d), sample);
                FixedOrderKernels.ScaledAdd(sample, _sigma, _means.Row(cluster), sample);
                FixedOrderKernels.Dots(w, stride, sample, u);
            }
            double output = 0;
            for (int i = 0; i < k; i++) if (u[i] > 0) output += v[i] * u[i];
            if (!FixedOrderKernels.AllFinite(u) || !double.IsFinite(output))
            {
                Step = step - 1;
                Status = RunStatus.DivergedAt(step, step * _delta,
                    $"non-finite pre-activations or output at SGD step {step}: the parameters after step {step - 1} are not finite or overflow");
                return Status;
            }
            double e = XorSample.Error(output, XorClusters.Label(cluster));
            bool finite = true;
            for (int i = 0; i < k; i++)
            {
                double active = u[i] > 0 ? 1.0 : 0.0;
                coefficients[i] = -_delta * e * v[i] * active;                   // W_i: −δ e v_i 1_i (old v)
                v[i] -= _delta * (e * active * u[i] + _beta * v[i]);             // v_i ← v_i − δ(e g(u_i) + β v_i)
                finite &= double.IsFinite(v[i]);
            }
            if (!finite)
            {
                Step = step;
                Status = RunStatus.DivergedAt(step, step * _delta, $"non-finite second layer v after SGD step {step}");
                return Status;
            }
            if (step < targetStep)
            {
                // Fused: update of this step, sample and pre-activations of the next one (bit-identical to the unfused path).
                int nextCluster = NextCluster(index + 1);
                Span<double> next = _nextSample.Row(0);
                RandomStream.FillNormal(_sgdKey, unchecked((ulong)(index + 1) * (ulong)d), next);
                FixedOrderKernels.UpdateRowsAndNextDots(w, stride, _scale, coefficients, sample, next, _sigma, _means.Row(nextCluster), u);
                (_sample, _nextSample) = (_nextSample, _sample);
                cluster = nextCluster;
                pending = true;
            }
            else
            {
                FixedOrderKernels.ScaleAndAddRows(w, stride, _scale, coefficients, sample);
            }
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// The statistics of the current state (v, W·μ, W·ν, R⊥), or null (marking the run diverged at the current step) when
    /// they are not finite.
    /// </summary>
    public XorStatistics? TryStatistics()
    {
        var mmu = new double[_k];
        var mnu = new double[_k];
        var rperp = new double[_k * _k];
        ComputeStatistics(_k, _d, _w.All, _w.Stride, Mu, Nu, _perp.All, mmu, mnu, rperp);
        if (FixedOrderKernels.AllFinite(mmu) && FixedOrderKernels.AllFinite(mnu) && FixedOrderKernels.AllFinite(rperp) && FixedOrderKernels.AllFinite(_v))
            return new XorStatistics(_v, mmu, mnu, rperp);
        if (!Status.Diverged) Status = RunStatus.DivergedAt(Step, Time, $"non-finite summary statistics after SGD step {Step}");
        return null;
    }

    /// <summary>A copy of the current full state.</summary>
    public XorState Snapshot()
    {
        var weights = new double[(long)_k * _d];
        for (int i = 0; i < _k; i++) _w.Row(i).CopyTo(weights.AsSpan(i * _d, _d));
        return new XorState(Parameters, _d, Seed, Step, weights, _v, Mu, Nu);
    }

    /// <summary>
    /// m^μ_i = W_i·μ, m^ν_i = W_i·ν and R⊥_ij = W_i⊥·W_j⊥ with W_i⊥ = W_i − m^μ_i μ − m^ν_i ν formed explicitly in
    /// <paramref name="perp"/> (K rows at the given stride), fixed-order dot products (exact to rounding: R⊥ is not
    /// obtained by subtracting m mᵀ from W Wᵀ).
    /// </summary>
    internal static void ComputeStatistics(int k, int d, ReadOnlySpan<double> w, int stride, ReadOnlySpan<double> mu, ReadOnlySpan<double> nu,
        Span<double> perp, Span<double> mmu, Span<double> mnu, Span<double> rperp)
    {
        for (int i = 0; i < k; i++)
        {
            var wi = w.Slice(i * stride, d);
            double a = FixedOrderKernels.Dot(wi, mu), b = FixedOrderKernels.Dot(wi, nu);
            mmu[i] = a;
            mnu[i] = b;
            var pi = perp.Slice(i * stride, d);
            for (int j = 0; j < d; j++) pi[j] = Math.FusedMultiplyAdd(-b, nu[j], Math.FusedMultiplyAdd(-a, mu[j], wi[j]));
        }
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
                rperp[i * k + j] = rperp[j * k + i] = FixedOrderKernels.Dot(perp.Slice(i * stride, d), perp.Slice(j * stride, d));
    }

    /// <summary>Overwrites W (K·d entries) and v; for tests of the one-step drift.</summary>
    internal void SetParameters(ReadOnlySpan<double> weights, ReadOnlySpan<double> v)
    {
        if (weights.Length != _k * _d || v.Length != _k) throw new ArgumentException("W must have K·d and v K entries");
        for (int i = 0; i < _k; i++) weights.Slice(i * _d, _d).CopyTo(_w.Row(i));
        v.CopyTo(_v);
    }

    /// <summary>Moves the step counter (the next step uses the sample of step <paramref name="step"/> + 1); for tests.</summary>
    internal void SetStep(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step));
        Step = step;
    }

    private int CheckNeuron(int neuron) =>
        (uint)neuron < (uint)_k ? neuron : throw new ArgumentOutOfRangeException(nameof(neuron), $"neuron index must lie in [0, {_k - 1}] (0-based)");

    /// <summary>The cluster of step index ℓ − 1: ⌊4u⌋ with u the uniform at raw position ℓ − 1 of the SGD stream.</summary>
    private int NextCluster(long index)
    {
        long offset = index - _uniformStart;
        if (_uniformStart < 0 || offset < 0 || offset >= ClusterChunk)
        {
            RandomStream.FillUniform(_sgdKey, unchecked((ulong)index), _uniforms);
            _uniformStart = index;
            offset = 0;
        }
        return XorStreams.Cluster(_uniforms[offset]);
    }
}
