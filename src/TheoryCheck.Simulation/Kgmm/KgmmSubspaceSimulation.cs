using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The stepping state of one run of the exact subspace engine of kgmm (docs/theory/subspace.md): the weights are
/// tracked only through their coordinates X in a moving orthonormal frame [μ_1..μ_k, w_1..w_k] of dimension 2k that
/// contains span(means, weights). Step ℓ draws b ~ p, the frame coordinates g ~ N(0, I_{2k}) of the noise and the
/// squared norm of its orthogonal part ρ² ~ χ²_{d−2k}; forms the logits ζ_c = X_{bc} + σ g·X_{·c} and the softmax
/// weights at the old state; updates X (§2, eq. 2.2) and re-orthonormalises the frame by a Householder QR of a
/// (k + 1)×k block (eq. 2.3). The law of the whole trajectory of (m, R) is that of full-vector SGD (kgmm.md §3)
/// at every d ≥ 2k, exactly (§3–§5); the cost per step is O(k³), independent of d.
/// </summary>
/// <remarks>
/// Random numbers come from the keyed streams of <see cref="KgmmSubspaceStreams"/> at fixed positions, filled in
/// chunks of <see cref="Chunk"/> steps, so the state after ℓ steps is a pure function of (parameters, d, seed, ℓ),
/// however the run is split into <see cref="AdvanceTo"/> calls and on whatever thread. No allocation per step
/// (a χ² rejection reads its retry stream through stack buffers). There is no full vector: spectral claims
/// (empirical Hessian/G) need the full engine. Divergence: non-finite logits (checked every step) or statistics
/// (checked at every record) stop the run with <see cref="RunStatus.DivergedAt"/>. Not thread-safe: one instance per
/// thread.
/// </remarks>
public sealed class KgmmSubspaceSimulation : IKgmmStepper
{
    /// <summary>Steps whose random numbers are generated together.</summary>
    public const int Chunk = 256;

    private readonly int _k;
    private readonly int _n;
    private readonly int _d;
    private readonly double _sigma;
    private readonly double _delta;
    private readonly double _scale;
    private readonly double[] _cumulative;
    private readonly ResidualNormBlock _residual;
    private readonly StreamKey _sgdKey;
    private readonly double[] _x;
    private readonly double[] _scratch;
    private readonly double[] _uniforms = new double[Chunk];
    private readonly int[] _labels = new int[Chunk];
    private readonly double[] _indicators;
    private readonly double[] _noise;
    private readonly double[] _residualNorms = new double[Chunk];
    private long _chunkStart = -1;

    /// <summary>Draws the exact initial coordinates of replicate <paramref name="seed"/> (state at step 0, §5).</summary>
    /// <exception cref="Models.InputException">d &lt; 2k or d &gt; int.MaxValue/k.</exception>
    public KgmmSubspaceSimulation(KgmmParameters parameters, int dimension, long seed)
        : this(parameters, dimension, seed, residualDegreesOfFreedom: null)
    {
    }

    /// <summary>
    /// As the public constructor, with the degrees of freedom of the residual χ² overridden when
    /// <paramref name="residualDegreesOfFreedom"/> is not null. The right value is d − 2k; the override exists only for
    /// the negative control of the distribution tests (d instead of d − 2k: an O(k/d) error they must detect).
    /// </summary>
    internal KgmmSubspaceSimulation(KgmmParameters parameters, int dimension, long seed, int? residualDegreesOfFreedom)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.ValidateDimension(dimension);
        Parameters = parameters;
        _k = parameters.K;
        _n = 2 * _k;
        _d = dimension;
        Seed = seed;
        _sigma = 1.0 / Math.Sqrt(parameters.Lambda);
        _delta = parameters.CDelta / dimension;
        _scale = 1.0 - _delta * parameters.Beta;
        _cumulative = KgmmStreams.Cumulative(parameters.Probabilities);
        ResidualDegreesOfFreedom = residualDegreesOfFreedom ?? dimension - _n;
        if (ResidualDegreesOfFreedom < 0) throw new ArgumentOutOfRangeException(nameof(residualDegreesOfFreedom), "degrees of freedom must be ≥ 0");
        _residual = new ResidualNormBlock(ResidualDegreesOfFreedom, KgmmSubspaceStreams.ChiSquared(seed, dimension),
            KgmmSubspaceStreams.ChiSquaredBoost(seed, dimension), step => KgmmSubspaceStreams.ChiSquaredRetry(seed, dimension, step));
        _sgdKey = KgmmSubspaceStreams.Sgd(seed, dimension);
        _x = new double[(_n + 1) * _k];
        _scratch = new double[_n];
        _noise = new double[Chunk * _n];
        _indicators = new double[Chunk * _k];
        InitialCoordinates(_k, dimension, seed, _x);
        Status = RunStatus.Completed;
    }

    /// <summary>Model parameters.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>Data dimension d.</summary>
    public int Dimension => _d;

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>Dimension of the moving frame, 2k.</summary>
    public int FrameDimension => _n;

    /// <summary>Degrees of freedom of the squared residual norm drawn every step (d − 2k).</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>Number of SGD steps done, ℓ.</summary>
    public long Step { get; private set; }

    /// <summary>Model time t = ℓ·δ.</summary>
    public double Time => Step * _delta;

    /// <summary>Step size δ = c_δ/d.</summary>
    public double StepSize => _delta;

    /// <summary><see cref="RunStatus.Completed"/> until a divergence is detected; then the step and time of detection.</summary>
    public RunStatus Status { get; private set; }

    /// <summary>
    /// The coordinates X of the current state, 2k rows of k entries (row-major, X[j·k + c] = coordinate j of x^c):
    /// rows 0..k−1 along μ_1..μ_k (X_{ac} = m_{ca}), rows k..2k−1 along the frame w (upper triangular after a step).
    /// </summary>
    public ReadOnlySpan<double> Coordinates => _x.AsSpan(0, _n * _k);

    /// <summary>
    /// Runs steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence (non-finite logits) is
    /// detected; returns <see cref="Status"/>. After a divergence the state is frozen and further calls return the same
    /// status. The result does not depend on how a run is split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every <see cref="Chunk"/> steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        if (Status.Diverged) return Status;
        int n = _n, k = _k;
        long step = Step;
        while (step < targetStep)
        {
            long index = step; // 0-based index of the next step, ℓ − 1
            long offset = index - _chunkStart;
            if (_chunkStart < 0 || offset < 0 || offset >= Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FillChunk(index);
                offset = 0;
            }
            int o = (int)offset;
            int count = (int)Math.Min(Chunk - o, targetStep - step);
            int done;
            if (k == 3)
            {
                done = KgmmSubspaceKernels.Advance3(_x, _indicators.AsSpan(o * 3), _noise.AsSpan(o * n), _residualNorms.AsSpan(o),
                    count, _sigma, _delta, _scale);
            }
            else
            {
                done = 0;
                while (done < count && KgmmSubspaceKernels.Step(_x, k, _labels[o + done], _noise.AsSpan((o + done) * n, n),
                           _residualNorms[o + done], _sigma, _delta, _scale, _scratch, default))
                    done++;
            }
            step += done;
            if (done < count)
            {
                Step = step;
                long failed = step + 1;
                Status = RunStatus.DivergedAt(failed, failed * _delta,
                    $"non-finite logits at SGD step {failed}: the weights after step {step} are not finite or overflow");
                return Status;
            }
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// Writes m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e (k×k row-major each) of the current state; returns false (and marks
    /// the run diverged at the current step) when they are not finite.
    /// </summary>
    public bool TryStatistics(Span<double> m, Span<double> r)
    {
        KgmmSubspaceKernels.Statistics(_x, _k, m, r);
        int kk = _k * _k;
        bool finite = true;
        for (int i = 0; i < kk; i++) finite &= double.IsFinite(m[i]) && double.IsFinite(r[i]);
        if (finite) return true;
        if (!Status.Diverged)
            Status = RunStatus.DivergedAt(Step, Time, $"non-finite summary statistics after SGD step {Step}");
        return false;
    }

    /// <summary>
    /// One step with given randomness (label b, frame coordinates g of the noise, residual norm ρ = ‖z − Qg‖), the
    /// same arithmetic as <see cref="AdvanceTo"/>; when <paramref name="orthonormalFactor"/> is not empty it receives
    /// the (k + 1)×k factor U of the re-orthonormalisation (new frame w' = [w, r̂]·U). For the pathwise coupling tests.
    /// Returns false (state unchanged) when the logits are not finite.
    /// </summary>
    internal bool StepWith(int label, ReadOnlySpan<double> noise, double residualNorm, Span<double> orthonormalFactor)
    {
        if (noise.Length != _n) throw new ArgumentException($"the noise needs {_n} frame coordinates", nameof(noise));
        if (!KgmmSubspaceKernels.Step(_x, _k, label, noise, residualNorm, _sigma, _delta, _scale, _scratch, orthonormalFactor))
            return false;
        Step++;
        return true;
    }

    /// <summary>Overwrites the coordinates (2k rows of k, as <see cref="Coordinates"/>); for tests (degenerate starts).</summary>
    internal void SetCoordinates(ReadOnlySpan<double> coordinates)
    {
        if (coordinates.Length != _n * _k) throw new ArgumentException($"coordinates must have 2k·k = {_n * _k} entries", nameof(coordinates));
        coordinates.CopyTo(_x);
        _x.AsSpan(_n * _k).Clear();
    }

    /// <summary>
    /// The exact initial coordinates (subspace.md §5): with orthonormal means independent of x_0 ~ N(0, I_d/d)^k,
    /// m_{ca}(0) = N(0, 1)/√d independent, and the part of x_0 orthogonal to the means is a (d − k)×k Gaussian matrix
    /// G/√d whose QR factor T (Bartlett) has T_ii² ~ χ²_{d−k−i} (i = 0..k−1), T_ij ~ N(0, 1) (i &lt; j), 0 below the
    /// diagonal, all independent; the frame coordinates are T/√d.
    /// </summary>
    internal static void InitialCoordinates(int k, int dimension, long seed, Span<double> x)
    {
        int above = k * (k - 1) / 2;
        Span<double> normals = stackalloc double[k * k + above];
        RandomStream.FillNormal(KgmmSubspaceStreams.Initialisation(seed, dimension), 0, normals);
        double scale = 1.0 / Math.Sqrt(dimension);
        x.Clear();
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++) x[a * k + c] = normals[c * k + a] * scale;
        int next = k * k;
        var chi = new RandomStream(KgmmSubspaceStreams.InitialisationChiSquared(seed, dimension));
        for (int i = 0; i < k; i++)
        {
            double diagonal = 2.0 * GammaSampler.ChiSquared(dimension - k - i).Sample(chi);
            x[(k + i) * k + i] = Math.Sqrt(diagonal) * scale;
            for (int j = i + 1; j < k; j++) x[(k + i) * k + j] = normals[next++] * scale;
        }
    }

    /// <summary>
    /// The random numbers of steps index + 1 … index + <see cref="Chunk"/>, none of which depends on the state: labels,
    /// frame coordinates of the noise, and the residual norms ρ = √χ²_{d−2k} (first attempts from the chunk's fills,
    /// rejected ones from the step's retry stream, §7; <see cref="ResidualNormBlock"/>).
    /// </summary>
    private void FillChunk(long index)
    {
        ulong position = unchecked((ulong)index);
        RandomStream.FillUniform(_sgdKey, position, _uniforms);
        Array.Clear(_indicators);
        for (int i = 0; i < Chunk; i++)
        {
            int label = KgmmStreams.Label(_uniforms[i], _cumulative);
            _labels[i] = label;
            _indicators[i * _k + label] = 1.0;
        }
        RandomStream.FillNormal(_sgdKey, unchecked(position * (ulong)_n), _noise);
        _residual.Fill(index, _residualNorms);
        _chunkStart = index;
    }
}
