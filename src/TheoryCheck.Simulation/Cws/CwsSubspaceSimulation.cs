using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The stepping state of one run of the exact subspace engine of cws (docs/theory/subspace.md §11): X is tracked only
/// through its coordinates in the frame [e^Z, e^N, w] of <see cref="CwsSubspaceGeometry"/> — fixed orthonormal bases of
/// the clean-block means and of the noisy-block means (with the clean-set signal), plus one moving direction w in the
/// noisy block. Step ℓ draws the class c, the n_N noisy-block frame coordinates g ~ N(0, I_{n_N}) of the noise and the
/// squared norm of its part orthogonal to the frame ρ² ~ χ²_{d_N−n_N}; forms r = ⟨X, a⟩ and updates the coordinates
/// (cws.md §1 in coordinates, subspace.md eqs. 11.1–11.3). X_0 = 0 (all coordinates 0). The law of the whole
/// trajectory of the closure statistics is that of full-vector SGD at the same d, exactly (§11.4); the cost per step
/// is O(k_Z + n_N), independent of d.
/// </summary>
/// <remarks>
/// Random numbers come from the keyed streams of <see cref="CwsSubspaceStreams"/> at fixed positions, filled in chunks
/// of <see cref="Chunk"/> steps, so the state after ℓ steps is a pure function of (mixture, loss, schedule, seed, ℓ),
/// however the run is split into <see cref="AdvanceTo"/> calls and on whatever thread. No allocation per step. There is no
/// d-dimensional iterate. Divergence (a non-finite r, or non-finite statistics at a record) is a
/// <see cref="RunStatus"/>, with the full engine's messages. Not thread-safe: one instance per run.
/// </remarks>
public sealed class CwsSubspaceSimulation : ICwsStepper
{
    /// <summary>Steps whose random numbers are generated together.</summary>
    public const int Chunk = 256;

    private readonly CwsSubspaceGeometry _geometry;
    private readonly CwsLoss _loss;
    private readonly CwsSchedule _schedule;
    private readonly int _d;
    private readonly int _n;
    private readonly double[] _cumulative;
    private readonly double[] _labels;
    private readonly ResidualNormBlock _residual;
    private readonly StreamKey _sgdKey;
    private readonly double[] _x;
    private readonly double[] _uniforms = new double[Chunk];
    private readonly int[] _classes = new int[Chunk];
    private readonly double[] _noise;
    private readonly double[] _residualNorms = new double[Chunk];
    private long _chunkStart = -1;

    /// <summary>The state at step 0 (X = 0) of replicate <paramref name="seed"/>.</summary>
    /// <exception cref="Models.InputException">The mixture is not isotropic or zero-one (<see cref="CwsSubspaceGeometry.Refusal(CwsMixture)"/>).</exception>
    public CwsSubspaceSimulation(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, long seed)
        : this(mixture, loss, schedule, seed, residualDegreesOfFreedom: null)
    {
    }

    /// <summary>
    /// As the public constructor, with the degrees of freedom of the residual χ² overridden when
    /// <paramref name="residualDegreesOfFreedom"/> is not null. The right value is d_N − n_N; the override exists only for
    /// the negative control of the distribution tests (d instead of d_N − n_N, an error they must detect).
    /// </summary>
    internal CwsSubspaceSimulation(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, long seed, int? residualDegreesOfFreedom)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        _geometry = CwsSubspaceGeometry.For(mixture);
        Mixture = mixture;
        _loss = loss;
        _schedule = schedule;
        _d = mixture.Dimension;
        _n = _geometry.NoiseDimension;
        Seed = seed;
        _cumulative = CwsStreams.Cumulative(mixture.Probabilities);
        _labels = mixture.Labels.ToArray();
        ResidualDegreesOfFreedom = residualDegreesOfFreedom ?? _geometry.ResidualDegreesOfFreedom;
        if (ResidualDegreesOfFreedom < 0) throw new ArgumentOutOfRangeException(nameof(residualDegreesOfFreedom), "degrees of freedom must be ≥ 0");
        _residual = new ResidualNormBlock(ResidualDegreesOfFreedom, CwsSubspaceStreams.ChiSquared(seed, _d),
            CwsSubspaceStreams.ChiSquaredBoost(seed, _d), step => CwsSubspaceStreams.ChiSquaredRetry(seed, _d, step));
        _sgdKey = CwsSubspaceStreams.Sgd(seed, _d);
        _x = new double[_geometry.CleanRank + _geometry.NoisyRank + 2];
        _noise = new double[Chunk * _n];
        Status = RunStatus.Completed;
    }

    /// <summary>The data model.</summary>
    public CwsMixture Mixture { get; }

    /// <summary>The fixed part of the frame and its inner products.</summary>
    public CwsSubspaceGeometry Geometry => _geometry;

    /// <summary>Replicate seed.</summary>
    public long Seed { get; }

    /// <summary>d.</summary>
    public int Dimension => _d;

    /// <summary>Degrees of freedom of the squared residual norm drawn every step (d_N − n_N).</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>SGD steps done, ℓ.</summary>
    public long Step { get; private set; }

    /// <summary>t = ℓ/d.</summary>
    public double Time => Step / (double)_d;

    /// <summary><see cref="RunStatus.Completed"/> until a divergence is detected.</summary>
    public RunStatus Status { get; private set; }

    /// <summary>
    /// The coordinates of X: α^Z (k_Z entries), α^N (k_N entries), τ (along w; 0 without a moving direction)
    /// (<see cref="CwsSubspaceKernels"/>).
    /// </summary>
    public ReadOnlySpan<double> Coordinates => _x.AsSpan(0, _x.Length - 1);

    /// <summary>
    /// Runs SGD steps until <see cref="Step"/> = <paramref name="targetStep"/> or a divergence (non-finite r) is detected;
    /// returns <see cref="Status"/>. After a divergence the state is frozen. The result does not depend on how a run is
    /// split into calls.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="targetStep"/> &lt; <see cref="Step"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every <see cref="Chunk"/> steps).</exception>
    public RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        if (Status.Diverged) return Status;
        int n = _n, d = _d, kz = _geometry.CleanRank, kn = _geometry.NoisyRank;
        bool moving = _geometry.HasMovingDirection, logistic = _loss == CwsLoss.Logistic;
        var x = _x.AsSpan();
        var cleanMeans = _geometry.CleanMeans;
        var noisyMeans = _geometry.NoisyMeans;
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
                long ell = step + i + 1;
                int c = _classes[o + i];
                double eta = _schedule.RateAtStep(ell, d) / d;
                if (CwsSubspaceKernels.Step(x, kz, kn, moving, cleanMeans, noisyMeans, c, _labels[c], logistic, eta,
                        _noise.AsSpan((o + i) * n, n), _residualNorms[o + i], default))
                    continue;
                Step = ell - 1;
                Status = RunStatus.DivergedAt(ell, ell / (double)d,
                    $"non-finite ⟨X, a⟩ at SGD step {ell}: the iterate after step {ell - 1} is not finite or overflows");
                return Status;
            }
            step += count;
        }
        Step = targetStep;
        return Status;
    }

    /// <summary>
    /// The closure statistics of the current state (cws.md §2; subspace.md eq. 11.0), or null (marking the run diverged
    /// at the current step) when they are not finite.
    /// </summary>
    public CwsStatistics? TryStatistics()
    {
        int classes = _geometry.Classes;
        var means = new double[classes];
        var variances = new double[classes];
        CwsSubspaceKernels.Statistics(_x, _geometry, means, variances, out double norm2, out double overlap, out double clean);
        var statistics = new CwsStatistics(means, variances, norm2, overlap, clean);
        if (statistics.IsFinite) return statistics;
        if (!Status.Diverged) Status = RunStatus.DivergedAt(Step, Time, $"non-finite statistics after SGD step {Step}");
        return null;
    }

    /// <summary>
    /// One step with given randomness (class c, the n_N noisy-block frame coordinates g of the noise, residual norm
    /// ρ = ‖P_N z − Q_N g‖), the same arithmetic as <see cref="AdvanceTo"/>; when <paramref name="orthonormalFactor"/> is
    /// not empty (2 entries) it receives U of the re-orthonormalisation (w' = U_0 w + U_1 r̂). For the pathwise coupling
    /// tests. Returns false (state unchanged) when r is not finite.
    /// </summary>
    internal bool StepWith(int c, ReadOnlySpan<double> noise, double residualNorm, Span<double> orthonormalFactor)
    {
        if (noise.Length != _n) throw new ArgumentException($"the noise needs n_N = {_n} frame coordinates", nameof(noise));
        long ell = Step + 1;
        double eta = _schedule.RateAtStep(ell, _d) / _d;
        if (!CwsSubspaceKernels.Step(_x, _geometry.CleanRank, _geometry.NoisyRank, _geometry.HasMovingDirection, _geometry.CleanMeans,
                _geometry.NoisyMeans, c, _labels[c], _loss == CwsLoss.Logistic, eta, noise, residualNorm, orthonormalFactor))
            return false;
        Step = ell;
        return true;
    }

    /// <summary>
    /// The random numbers of steps index + 1 … index + <see cref="Chunk"/>, none of which depends on the state: classes,
    /// noisy-block frame coordinates of the noise, and the residual norms ρ = √χ²_{d_N−n_N} (<see cref="ResidualNormBlock"/>).
    /// </summary>
    private void FillChunk(long index)
    {
        ulong position = unchecked((ulong)index);
        RandomStream.FillUniform(_sgdKey, position, _uniforms);
        for (int i = 0; i < Chunk; i++) _classes[i] = CwsStreams.Class(_uniforms[i], _cumulative);
        if (_n > 0) RandomStream.FillNormal(_sgdKey, unchecked(position * (ulong)_n), _noise);
        _residual.Fill(index, _residualNorms);
        _chunkStart = index;
    }
}
