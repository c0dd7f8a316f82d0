using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The stepping state of one run of the exact subspace engine of xor (docs/theory/subspace.md §10): the first layer is
/// tracked only through its coordinates X in a moving orthonormal frame [μ, ν, w_1..w_K] of dimension n = K + 2 that
/// contains span(μ, ν, W_1..W_K); the second layer v is kept as is. Step ℓ draws the cluster ϑ, the frame coordinates
/// g ~ N(0, I_n) of the noise and the squared norm of its orthogonal part ρ² ~ χ²_{d−n}; forms u = W·X and the output
/// at the old parameters; updates v and X (xor.md §3 in coordinates, subspace.md eq. 10.2) and re-orthonormalises the
/// frame by a Householder QR of a (K + 1)×K block (eq. 10.3). The law of the whole trajectory of (v, W·μ, W·ν, R⊥) is
/// that of full-vector SGD at every d ≥ K + 2, exactly (§10.4); the cost per step is O(K³), independent of d.
/// </summary>
/// <remarks>
/// Random numbers come from the keyed streams of <see cref="XorSubspaceStreams"/> at fixed positions, filled in chunks
/// of <see cref="Chunk"/> steps, so the state after ℓ steps is a pure function of (parameters, d, seed, ℓ), however the
/// run is split into <see cref="AdvanceTo"/> calls and on whatever thread. No allocation per step. There is no full
/// vector: spectral claims (empirical Hessian/G, alignment) need the full engine. Divergence: a non-finite
/// pre-activation, output or v (checked every step) or statistic (checked at every record) stops the run with
/// <see cref="RunStatus.DivergedAt"/>, with the full engine's messages. Not thread-safe: one instance per thread.
/// </remarks>
public sealed class XorSubspaceSimulation : IXorStepper
{
    /// <summary>Steps whose random numbers are generated together.</summary>
    public const int Chunk = 256;

    private readonly int _k;
    private readonly int _n;
    private readonly int _d;
    private readonly double _sigma;
    private readonly double _delta;
    private readonly double _scale;
    private readonly double _beta;
    private readonly ResidualNormBlock _residual;
    private readonly StreamKey _sgdKey;
    private readonly double[] _x;
    private readonly double[] _v;
    private readonly double[] _scratch;
    private readonly double[] _uniforms = new double[Chunk];
    private readonly int[] _clusters = new int[Chunk];
    private readonly double[] _noise;
    private readonly double[] _residualNorms = new double[Chunk];
    private long _chunkStart = -1;

    /// <summary>Draws the exact initial coordinates of replicate <paramref name="seed"/> (state at step 0, §10.3).</summary>
    /// <exception cref="Models.InputException">d &lt; K + 2 or d too large (<see cref="XorParameters.ValidateDimension"/>).</exception>
    public XorSubspaceSimulation(XorParameters parameters, int dimension, long seed)
        : this(parameters, dimension, seed, residualDegreesOfFreedom: null)
    {
    }

    /// <summary>
    /// As the public constructor, with the degrees of freedom of the residual χ² overridden when
    /// <paramref name="residualDegreesOfFreedom"/> is not null. The right value is d − K − 2; the override exists only for
    /// the negative control of the distribution tests (d instead of d − K − 2: an O(K/d) error they must detect).
    /// </summary>
    internal XorSubspaceSimulation(XorParameters parameters, int dimension, long seed, int? residualDegreesOfFreedom)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.ValidateDimension(dimension);
        Parameters = parameters;
        _k = parameters.Width;
        _n = _k + 2;
        _d = dimension;
        Seed = seed;
        _sigma = 1.0 / Math.Sqrt(parameters.Lambda);
        _delta = parameters.CDelta / dimension;
        _beta = parameters.Beta;
        _scale = 1.0 - _delta * parameters.Beta;
        ResidualDegreesOfFreedom = residualDegreesOfFreedom ?? dimension - _n;
        if (ResidualDegreesOfFreedom < 0) throw new ArgumentOutOfRangeException(nameof(residualDegreesOfFreedom), "degrees of freedom must be ≥ 0");
        _residual = new ResidualNormBlock(ResidualDegreesOfFreedom, XorSubspaceStreams.ChiSquared(seed, dimension),
            XorSubspaceStreams.ChiSquaredBoost(seed, dimension), step => XorSubspaceStreams.ChiSquaredRetry(seed, dimension, step));
        _sgdKey = XorSubspaceStreams.Sgd(seed, dimension);
        _x = new double[(_n + 1) * _k];
        _v = new double[_k];
        _scratch = new double[_n + 2 * _k];
        _noise = new double[Chunk * _n];
        InitialCoordinates(parameters, dimension, seed, _x, _v);
        Status = RunStatus.Completed;
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

    /// <summary>Data dimension d.</summary>
    public int Dimension => _d;

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>Dimension of the moving frame, K + 2.</summary>
    public int FrameDimension => _n;

    /// <summary>Degrees of freedom of the squared residual norm drawn every step (d − K − 2).</summary>
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
    /// The coordinates X of the current first layer, K + 2 rows of K entries (row-major, X[j·K + i] = coordinate j of
    /// W_i): row 0 = W·μ, row 1 = W·ν, rows 2..K+1 along the frame w (upper triangular after a step).
    /// </summary>
    public ReadOnlySpan<double> Coordinates => _x.AsSpan(0, _n * _k);

    /// <summary>The second layer v of the current state.</summary>
    public ReadOnlySpan<double> V => _v;

    /// <summary>
    /// Runs steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence is detected; returns
    /// <see cref="Status"/>. After a divergence the state is frozen and further calls return the same status. The result
    /// does not depend on how a run is split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every <see cref="Chunk"/> steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        if (Status.Diverged) return Status;
        int n = _n, k = _k;
        var x = _x.AsSpan();
        var v = _v.AsSpan();
        var scratch = _scratch.AsSpan();
        long step = Step;
        while (step < targetStep)
        {
            long offset = step - _chunkStart; // step = ℓ − 1 of the next step
            if (_chunkStart < 0 || offset < 0 || offset >= Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FillChunk(step);
                offset = 0;
            }
            int o = (int)offset;
            int count = (int)Math.Min(Chunk - o, targetStep - step);
            for (int i = 0; i < count; i++)
            {
                var outcome = XorSubspaceKernels.Step(x, v, k, _clusters[o + i], _noise.AsSpan((o + i) * n, n), _residualNorms[o + i],
                    _sigma, _delta, _scale, _beta, scratch, default);
                if (outcome == XorSubspaceKernels.Outcome.Done) continue;
                long failed = step + i + 1;
                if (outcome == XorSubspaceKernels.Outcome.NonFiniteOutput)
                {
                    Step = failed - 1;
                    Status = RunStatus.DivergedAt(failed, failed * _delta,
                        $"non-finite pre-activations or output at SGD step {failed}: the parameters after step {failed - 1} are not finite or overflow");
                }
                else
                {
                    Step = failed;
                    Status = RunStatus.DivergedAt(failed, failed * _delta, $"non-finite second layer v after SGD step {failed}");
                }
                return Status;
            }
            step += count;
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// The statistics of the current state (v, W·μ, W·ν, R⊥; subspace.md eq. 10.0), or null (marking the run diverged at
    /// the current step) when they are not finite.
    /// </summary>
    public XorStatistics? TryStatistics()
    {
        var mmu = new double[_k];
        var mnu = new double[_k];
        var rperp = new double[_k * _k];
        XorSubspaceKernels.Statistics(_x, _k, mmu, mnu, rperp);
        if (XorStatistics.AllFinite(mmu) && XorStatistics.AllFinite(mnu) && XorStatistics.AllFinite(rperp) && XorStatistics.AllFinite(_v))
            return new XorStatistics(_v, mmu, mnu, rperp);
        if (!Status.Diverged) Status = RunStatus.DivergedAt(Step, Time, $"non-finite summary statistics after SGD step {Step}");
        return null;
    }

    /// <summary>
    /// One step with given randomness (cluster ϑ, frame coordinates g of the noise, residual norm ρ = ‖z − Qg‖), the same
    /// arithmetic as <see cref="AdvanceTo"/>; when <paramref name="orthonormalFactor"/> is not empty it receives the
    /// (K + 1)×K factor U of the re-orthonormalisation (new frame w' = [w, r̂]·U). For the pathwise coupling tests.
    /// Returns false (state unchanged) when the pre-activations or the output are not finite.
    /// </summary>
    internal bool StepWith(int cluster, ReadOnlySpan<double> noise, double residualNorm, Span<double> orthonormalFactor)
    {
        if (noise.Length != _n) throw new ArgumentException($"the noise needs K + 2 = {_n} frame coordinates", nameof(noise));
        var outcome = XorSubspaceKernels.Step(_x, _v, _k, cluster, noise, residualNorm, _sigma, _delta, _scale, _beta, _scratch, orthonormalFactor);
        if (outcome == XorSubspaceKernels.Outcome.NonFiniteOutput) return false;
        Step++;
        return true;
    }

    /// <summary>Overwrites the coordinates ((K + 2)·K entries, as <see cref="Coordinates"/>) and v; for tests (degenerate starts).</summary>
    internal void SetState(ReadOnlySpan<double> coordinates, ReadOnlySpan<double> v)
    {
        if (coordinates.Length != _n * _k) throw new ArgumentException($"coordinates must have (K + 2)·K = {_n * _k} entries", nameof(coordinates));
        if (v.Length != _k) throw new ArgumentException($"v must have K = {_k} entries", nameof(v));
        coordinates.CopyTo(_x);
        _x.AsSpan(_n * _k).Clear();
        v.CopyTo(_v);
    }

    /// <summary>
    /// The exact initial coordinates and second layer (subspace.md §10.3). <c>warm</c>: W_i = mmu0_i μ + mnu0_i ν +
    /// √rperp0 u_i with u_1..u_K orthonormal and ⊥ μ, ν, so with the frame w = u the coordinates are row 0 = mmu0,
    /// row 1 = mnu0, T = √rperp0·I, and v = v0 (deterministic). <c>random</c>: v_i ~ N(0, 1), W_i ~ N(0, I_d/d) independent
    /// of (μ, ν); given μ ⊥ ν, W_i·μ and W_i·ν are N(0, 1/d) independent, and the part orthogonal to μ, ν is a
    /// (d − 2)×K Gaussian matrix G/√d whose QR factor T (Bartlett) has T_ii² ~ χ²_{d−2−i} (i = 0..K−1, 0-based),
    /// T_ij ~ N(0, 1) (i &lt; j), 0 below the diagonal, all independent; the frame coordinates are T/√d.
    /// </summary>
    internal static void InitialCoordinates(XorParameters parameters, int dimension, long seed, Span<double> x, Span<double> v)
    {
        int k = parameters.Width;
        x.Clear();
        if (parameters.Init == XorInitialisation.Warm)
        {
            double root = Math.Sqrt(parameters.Rperp0);
            for (int i = 0; i < k; i++)
            {
                x[i] = parameters.Mmu0[i];
                x[k + i] = parameters.Mnu0[i];
                x[(2 + i) * k + i] = root;
                v[i] = parameters.V0[i];
            }
            return;
        }
        int above = k * (k - 1) / 2;
        var normals = new double[3 * k + above];
        RandomStream.FillNormal(XorSubspaceStreams.Initialisation(seed, dimension), 0, normals);
        double scale = 1.0 / Math.Sqrt(dimension);
        for (int i = 0; i < k; i++)
        {
            x[i] = normals[i] * scale;
            x[k + i] = normals[k + i] * scale;
            v[i] = normals[2 * k + i];
        }
        int next = 3 * k;
        var chi = new RandomStream(XorSubspaceStreams.InitialisationChiSquared(seed, dimension));
        for (int i = 0; i < k; i++)
        {
            double diagonal = 2.0 * GammaSampler.ChiSquared(dimension - 2 - i).Sample(chi);
            x[(2 + i) * k + i] = Math.Sqrt(diagonal) * scale;
            for (int j = i + 1; j < k; j++) x[(2 + i) * k + j] = normals[next++] * scale;
        }
    }

    /// <summary>
    /// The random numbers of steps index + 1 … index + <see cref="Chunk"/>, none of which depends on the state: clusters,
    /// frame coordinates of the noise, and the residual norms ρ = √χ²_{d−K−2} (<see cref="ResidualNormBlock"/>).
    /// </summary>
    private void FillChunk(long index)
    {
        ulong position = unchecked((ulong)index);
        RandomStream.FillUniform(_sgdKey, position, _uniforms);
        for (int i = 0; i < Chunk; i++) _clusters[i] = XorClusters.FromUniform(_uniforms[i]);
        RandomStream.FillNormal(_sgdKey, unchecked(position * (ulong)_n), _noise);
        _residual.Fill(index, _residualNorms);
        _chunkStart = index;
    }
}
